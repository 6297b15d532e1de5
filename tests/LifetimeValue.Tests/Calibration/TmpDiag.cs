using LifetimeValue.Calibration;
namespace LifetimeValue.Tests.Calibration;
public sealed class TmpDiag
{
    [Test]
    public void Print()
    {
        var (histories, spend) = CdnowData.Summary();
        var m = GammaGammaModel.Fit([.. histories.Select((h, i) => new SpendHistory(h.Frequency, spend[i]))]);
        TestContext.Out.WriteLine($"{m} {m.Diagnostics} {string.Join(",", m.Estimates)}");
        TestContext.Out.WriteLine($"{GammaGammaModel.LogLikelihoodOf(6.2496, 3.7442, 15.4435, [.. histories.Select((h, i) => new SpendHistory(h.Frequency, spend[i]))])}");
    }
}
