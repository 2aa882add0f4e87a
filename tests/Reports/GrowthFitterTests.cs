using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class GrowthFitterTests
{
    private static readonly double[] Sizes = [100_000, 300_000, 1_000_000, 3_000_000, 10_000_000];

    [Fact]
    public void Fit_ConstantDataWithNoise_ChoosesConstant()
    {
        double[] noise = [0.004, -0.003, 0.002, -0.004, 0.001];
        var points = Sizes.Select((x, i) => (x, 5.0 + noise[i])).ToList();

        var selection = GrowthFitter.Fit(points);

        Assert.Equal(GrowthModel.Constant, selection.Best.Model);
        Assert.Equal(5.0, selection.Best.Intercept, 2);
        Assert.Equal(3, selection.Candidates.Count);
    }

    [Fact]
    public void Fit_LogarithmicData_RecoversLogarithmicCurve()
    {
        var points = Sizes.Select(x => (x, 2.0 + (3.0 * Math.Log(x)))).ToList();

        var selection = GrowthFitter.Fit(points);

        Assert.Equal(GrowthModel.Logarithmic, selection.Best.Model);
        Assert.Equal(2.0, selection.Best.Intercept, 6);
        Assert.Equal(3.0, selection.Best.Slope, 6);
        Assert.Equal(1.0, selection.Best.RSquared, 9);
    }

    [Fact]
    public void Fit_LinearData_RecoversLinearCurve()
    {
        var points = Sizes.Select(x => (x, 1.0 + (2e-5 * x))).ToList();

        var selection = GrowthFitter.Fit(points);

        Assert.Equal(GrowthModel.Linear, selection.Best.Model);
        Assert.Equal(1.0, selection.Best.Intercept, 6);
        Assert.Equal(2e-5, selection.Best.Slope, 12);
        Assert.Equal(201.0, selection.Best.Predict(10_000_000), 6);
    }

    [Fact]
    public void Fit_LinearDataWithNoise_StillLinear()
    {
        double[] jitter = [1.03, 0.97, 1.02, 0.98, 1.01];
        var points = Sizes.Select((x, i) => (x, (1.0 + (2e-5 * x)) * jitter[i])).ToList();

        Assert.Equal(GrowthModel.Linear, GrowthFitter.Fit(points).Best.Model);
    }

    [Fact]
    public void Fit_DecreasingData_IsConstant()
    {
        var points = Sizes.Select(x => (x, 50 - (10 * Math.Log10(x)))).ToList();

        var selection = GrowthFitter.Fit(points);

        Assert.Equal(GrowthModel.Constant, selection.Best.Model);
        Assert.Contains("positive slope", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_OneSize_IsConstantWithReason()
    {
        var selection = GrowthFitter.Fit([(1_000_000, 12.5)]);

        Assert.Equal(GrowthModel.Constant, selection.Best.Model);
        Assert.Equal(12.5, selection.Best.Intercept);
        Assert.Single(selection.Candidates);
    }

    [Fact]
    public void Fit_ZeroRows_Throws() => Assert.Throws<ArgumentException>(() => GrowthFitter.Fit([(0, 1.0)]));

    [Fact]
    public void RowsReaching_LinearAndLogarithmic_SolveTheCurve()
    {
        var linear = new GrowthFit(GrowthModel.Linear, 10, 1e-4, 0, 1, 1, 0, 3);
        var log = new GrowthFit(GrowthModel.Logarithmic, 0, 10, 0, 1, 1, 0, 3);
        var constant = new GrowthFit(GrowthModel.Constant, 20, 0, 0, 0, 0, 0, 3);

        Assert.Equal(9_900_000, linear.RowsReaching(1000)!.Value, 3);
        Assert.Equal(Math.Exp(100), log.RowsReaching(1000)!.Value, 1e30);
        Assert.Null(constant.RowsReaching(1000));
        Assert.Equal(0, constant.RowsReaching(10));
    }
}
