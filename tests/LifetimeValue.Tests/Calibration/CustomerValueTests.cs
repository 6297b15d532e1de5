using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class CustomerValueTests
{
    private static readonly ParetoNbdModel Pareto = ParetoNbdModel.FromParameters(0.5534, 10.5802, 0.6061, 11.6562);
    private static readonly GammaGammaModel Spend = GammaGammaModel.FromParameters(6.25, 3.74, 15.44);

    [Test]
    public void DiscountedExpectedPurchases_LongHorizon_ConvergesToParetoDert()
    {
        // Oracle: the closed-form/quadrature DERT (FHL 2005 "RFM and CLV" eq. 2) over an infinite horizon; the
        // midpoint-discounted sum over 20,000 weeks in 20,000 steps must agree within 1e-4 relative.
        var h = new RepeatHistory(4, 30, 38.86);
        double delta = Math.Log(1.15) / 52;
        double dert = Pareto.DiscountedExpectedResidualTransactions(delta, h);
        CustomerValue.DiscountedExpectedPurchases(Pareto, h, delta, 20_000, 20_000).Should().BeApproximately(dert, 1e-4 * dert, "infinite-horizon DERT");
    }

    [Test]
    public void Clv_MarginSign_ScalesLinearly()
    {
        var h = new RepeatHistory(2, 20, 38);
        double positive = CustomerValue.Clv(Pareto, Spend, h, 25, 0.3, 0.002, 52, 52);
        CustomerValue.Clv(Pareto, Spend, h, 25, -0.3, 0.002, 52, 52).Should().Be(-positive, "a negative margin gives the negative CLV, not a clamp");
        CustomerValue.Clv(Pareto, Spend, h, 25, 0.0, 0.002, 52, 52).Should().Be(0.0);
        positive.Should().BeGreaterThan(0);
    }
}
