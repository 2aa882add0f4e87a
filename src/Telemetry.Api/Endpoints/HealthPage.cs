using System.ComponentModel;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Endpoints;

/// <summary>A page of health samples with the range and paging that produced it.</summary>
[ImmutableObject(true)] // HybridCache may hand the same instance to every hit instead of deserializing a copy.
internal sealed record HealthPage(DateRange Range, int Limit, int Offset, IReadOnlyList<HealthSample> Samples);
