using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Bogus;

namespace Perf.Seed.Generation;

/// <summary>Derives independent, reproducible random seeds for the parts of a dataset (universe, each day).</summary>
internal static class SeedDerivation
{
    /// <summary>A seed for stream <paramref name="stream"/>, item <paramref name="index"/> of the master seed.</summary>
    public static int Derive(long master, string stream, long index)
    {
        Span<byte> buffer = stackalloc byte[16 + (stream.Length * 3)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, master);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[8..], index);
        var length = 16 + Encoding.UTF8.GetBytes(stream, buffer[16..]);
        return (int)(XxHash64.HashToUInt64(buffer[..length]) & int.MaxValue);
    }

    /// <summary>A random generator for one stream and item.</summary>
    /// <remarks>A seeded <see cref="Random"/> uses the same documented algorithm on every platform and runtime version.</remarks>
    public static Random Create(long master, string stream, long index) => new(Derive(master, stream, index));

    /// <summary>A Bogus randomizer for one stream and item, to assign to a <see cref="Faker"/>'s <c>Random</c>.</summary>
    /// <remarks>
    /// For the universe only: every <see cref="Randomizer"/> call takes one process-wide lock, so rows drawn in parallel
    /// use <see cref="Create"/>. It wraps a seeded <see cref="Random"/>, so it repeats exactly like one.
    /// </remarks>
    public static Randomizer CreateRandomizer(long master, string stream, long index) => new(Derive(master, stream, index));
}
