using Perf.Harness.Gates;

namespace Perf.Tests.Gates;

public sealed class BenchmarkDotNetJsonTests
{
    [Fact]
    public void Parse_FullExportWithOriginalValues_ReadsStatisticsAndSamples()
    {
        const string Json = """
            {"Title":"x","HostEnvironmentInfo":{"ProcessorName":"AMD"},"Benchmarks":[
              {"DisplayInfo":"TradeQueryBenchmarks.List: Job","Namespace":"Perf.Bench","Type":"TradeQueryBenchmarks","Method":"List","MethodTitle":"List","Parameters":"Variant=Basic",
               "FullName":"Perf.Bench.TradeQueryBenchmarks.List(Variant: Basic)",
               "Statistics":{"OriginalValues":[100.0,110.0,90.0],"N":3,"Min":90.0,"Median":100.0,"Mean":100.0,"StandardError":5.77,
                 "ConfidenceInterval":{"N":3,"Mean":100.0,"StandardError":5.77,"Level":12,"Margin":50.0,"Lower":50.0,"Upper":150.0},"Skewness":NaN},
               "Measurements":[]}]}
            """;

        var timing = Assert.Single(BenchmarkDotNetJson.Parse(Json));

        Assert.Equal("Perf.Bench.TradeQueryBenchmarks.List(Variant: Basic)", timing.Name);
        Assert.Equal([100.0, 110.0, 90.0], timing.SamplesNs);
        Assert.Equal(50, timing.CiLowerNs);
        Assert.Equal(150, timing.CiUpperNs);
        Assert.Equal(100, timing.MedianNs);
    }

    [Fact]
    public void Parse_OnlyMeasurements_RebuildsSamplesFromWorkloadResults()
    {
        const string Json = """
            {"Benchmarks":[{"Type":"T","Method":"M","Parameters":"",
              "Statistics":{"Mean":15.0,"Median":15.0,"ConfidenceInterval":{"Lower":10.0,"Upper":20.0}},
              "Measurements":[
                {"IterationMode":"Workload","IterationStage":"Warmup","Operations":4,"Nanoseconds":400.0},
                {"IterationMode":"Workload","IterationStage":"Result","Operations":4,"Nanoseconds":40.0},
                {"IterationMode":"Workload","IterationStage":"Result","Operations":4,"Nanoseconds":80.0},
                {"IterationMode":"Overhead","IterationStage":"Result","Operations":4,"Nanoseconds":4.0}]}]}
            """;

        var timing = Assert.Single(BenchmarkDotNetJson.Parse(Json));

        Assert.Equal("T.M()", timing.Name);
        Assert.Equal([10.0, 20.0], timing.SamplesNs);
    }

    [Fact]
    public void Parse_NotAnExport_Throws() => Assert.Throws<FormatException>(() => BenchmarkDotNetJson.Parse("{}"));
}
