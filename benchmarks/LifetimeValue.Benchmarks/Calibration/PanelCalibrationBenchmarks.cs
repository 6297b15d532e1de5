using BenchmarkDotNet.Attributes;
using LifetimeValue.Calibration.Panel;

namespace LifetimeValue.Benchmarks.Calibration;

/// <summary>
/// Panel calibration per row: reading a 100,000-customer-acquisition bank panel (3.7 million rows) from CSV alone (the
/// baseline: parsing is the floor of any file-based calibration), and reading plus calibrating (bank stages, rates).
/// </summary>
[Config(typeof(BenchConfig))]
public class PanelCalibrationBenchmarks
{
    /// <summary>Rows of the panel (deterministic: bank preset, 100,000 acquisitions, 60 months, seed 1).</summary>
    private const int Rows = 3_702_501;

    private string _path = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"lifetimevalue-panel-bench-{Environment.ProcessId}.csv");
        var rows = PanelCsvWriter.WriteFile(
            SyntheticPanel.Generate(Presets.Bank(), new SyntheticPanelOptions { Customers = 100_000, Months = 60, Seed = 1, Rates = PanelRunner.Rates(60) }), _path, true);
        if (rows != Rows)
        {
            throw new InvalidOperationException($"The benchmark panel has {rows} rows, not {Rows}: update Rows.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public double ReadOnly()
    {
        var sum = 0.0;
        foreach (var row in PanelCsvReader.ReadFile(_path, new PanelCsvOptions { AcquisitionCostColumn = 8 }))
        {
            sum += row.NetRevenue;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double ReadAndCalibrate() => PanelCalibration.FitFile(_path, new PanelCsvOptions { AcquisitionCostColumn = 8 },
        new PanelCalibrationOptions { StageBoundaries = [11, 18, 23, 30, 45, 60, 67, 85], Rates = PanelRunner.Rates(60) }).Attrition[0].MonthlyHazard;
}
