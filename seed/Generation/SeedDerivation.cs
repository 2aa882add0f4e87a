using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

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
}
