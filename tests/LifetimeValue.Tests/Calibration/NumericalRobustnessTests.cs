using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

/// <summary>
/// The complaint users of other tools raise most: likelihoods and predictions that overflow or return NaN for large
/// frequencies or long histories. Every combination below must give finite values and probabilities in [0, 1].
/// </summary>
public sealed class NumericalRobustnessTests
{
    private static readonly RepeatHistory[] Histories =
    [
        new(0, 0, 10_000),
        new(500, 9_990, 10_000),
        new(500, 50, 10_000),
        new(5_000, 10_000, 10_000),
        new(1, 0.001, 0.002),
        new(29, 38.5, 38.86),
    ];

    private static readonly double[] Shapes = [0.01, 0.6, 50];
    private static readonly double[] Rates = [1e-3, 10, 1e4];

    [Test]
    public void ParetoNbd_ExtremeInputs_AreFinite()
    {
        foreach (var r in Shapes)
        {
            foreach (var alpha in Rates)
            {
                foreach (var s in Shapes)
                {
                    foreach (var beta in Rates)
                    {
                        var model = ParetoNbdModel.FromParameters(r, alpha, s, beta);
                        double.IsFinite(model.ExpectedPurchases(1e4)).Should().BeTrue(FormattableString.Invariant($"E[X(1e4)] at ({r}, {alpha}, {s}, {beta})"));
                        foreach (var h in Histories)
                        {
                            string at = FormattableString.Invariant($"Pareto/NBD({r}, {alpha}, {s}, {beta}) at {h}");
                            double.IsFinite(ParetoNbdModel.LogLikelihoodOf(r, alpha, s, beta, [h])).Should().BeTrue(at);
                            model.ProbabilityAlive(h).Should().BeInRange(0, 1, at);
                            double.IsFinite(model.ConditionalExpectedPurchases(52, h)).Should().BeTrue(at);
                        }
                    }
                }
            }
        }
    }

    [Test]
    public void BgNbd_ExtremeInputs_AreFinite()
    {
        foreach (var r in Shapes)
        {
            foreach (var alpha in Rates)
            {
                foreach (var a in Shapes)
                {
                    foreach (var b in Shapes)
                    {
                        var model = BgNbdModel.FromParameters(r, alpha, a, b);
                        double.IsFinite(model.ExpectedPurchases(1e4)).Should().BeTrue(FormattableString.Invariant($"E[X(1e4)] at ({r}, {alpha}, {a}, {b})"));
                        foreach (var h in Histories)
                        {
                            string at = FormattableString.Invariant($"BG/NBD({r}, {alpha}, {a}, {b}) at {h}");
                            double.IsFinite(BgNbdModel.LogLikelihoodOf(r, alpha, a, b, [h])).Should().BeTrue(at);
                            model.ProbabilityAlive(h).Should().BeInRange(0, 1, at);
                            double.IsFinite(model.ConditionalExpectedPurchases(52, h)).Should().BeTrue(at);
                        }
                    }
                }
            }
        }
    }
}
