using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

public sealed class BetaGeometricBetaBinomialModelTests
{
    // The 1995 donor cohort of a US non-profit, 11,104 people, n = 6 annual opportunities (1996–2001), as the 22
    // (x, t_x) patterns with counts published by Fader, Hardie and Shang (2010), Marketing Science 29(6), and shipped as
    // lifetimes/datasets/donations.csv (frequency, recency, n, n_custs).
    private static readonly (int X, int Tx, int Count)[] Donations =
    [
        (0, 0, 3464), (1, 1, 1091), (1, 2, 277), (1, 3, 129), (1, 4, 78), (1, 5, 119), (1, 6, 129), (2, 2, 613),
        (2, 3, 255), (2, 4, 155), (2, 5, 173), (2, 6, 234), (3, 3, 322), (3, 4, 181), (3, 5, 225), (3, 6, 357),
        (4, 4, 240), (4, 5, 284), (4, 6, 512), (5, 5, 335), (5, 6, 728), (6, 6, 1203),
    ];

    private static List<DiscreteHistory> Customers() =>
        [.. Donations.SelectMany(d => Enumerable.Repeat(new DiscreteHistory(d.X, d.Tx, 6), d.Count))];

    [Test]
    public void Fit_Donations_ReproducesFaderHardieShang2010()
    {
        var model = BetaGeometricBetaBinomialModel.Fit(Customers());
        model.Alpha.Should().BeApproximately(1.204, 0.0005, "FHS 2010: alpha = 1.204 (lifetimes test_params_out_is_close_to_Hardie_paper)");
        model.Beta.Should().BeApproximately(0.750, 0.0005, "FHS 2010: beta = 0.750");
        model.Gamma.Should().BeApproximately(0.657, 0.0005, "FHS 2010: gamma = 0.657");
        model.Delta.Should().BeApproximately(2.783, 0.0005, "FHS 2010: delta = 2.783");
        model.Diagnostics!.Converged.Should().BeTrue(model.Diagnostics.Message);
    }

    [Test]
    public void ProbabilityAlive_Donations_MatchesTable6()
    {
        // FHS 2010 Table 6, P(alive in 2002), as asserted by lifetimes test_prob_alive_is_close_to_Hardie_paper_table_6.
        var model = BetaGeometricBetaBinomialModel.FromParameters(1.204, 0.750, 0.657, 2.783);
        model.ProbabilityAlive(new DiscreteHistory(0, 0, 6)).Should().BeApproximately(0.11, 0.005, "Table 6: x = 0 -> 0.11");
        model.ProbabilityAlive(new DiscreteHistory(2, 4, 6)).Should().BeApproximately(0.59, 0.005, "Table 6: x = 2, last in 1999 -> 0.59");
        model.ProbabilityAlive(new DiscreteHistory(6, 6, 6)).Should().BeApproximately(0.93, 0.005, "Table 6: x = 6 -> 0.93");
    }

    [Test]
    public void ConditionalExpectedTransactions_Donations_MatchesHardieSheet()
    {
        // Hardie's BG/BB spreadsheet (brucehardie.com note 010), "Conditional Expectations (II)", column F total: 12,884.2
        // expected transactions in 2002–2006 (n* = 5); lifetimes asserts it to the unit.
        var model = BetaGeometricBetaBinomialModel.Fit(Customers());
        double total = Donations.Sum(d => d.Count * model.ConditionalExpectedTransactions(5, new DiscreteHistory(d.X, d.Tx, 6)));
        total.Should().BeApproximately(12884.2, 0.5, "Hardie's sheet: 12,884.2");
    }

    [Test]
    public void ExpectedTransactions_MatchesDirectSum()
    {
        // Oracle: E[X(n)] = Σ_{t=1..n} P(transact at t) = Σ_t α/(α+β) · P(alive at t), P(alive at t) = B(γ, δ+t)/B(γ, δ).
        var model = BetaGeometricBetaBinomialModel.FromParameters(1.204, 0.750, 0.657, 2.783);
        double sum = 0;
        for (var t = 1; t <= 6; t++)
        {
            sum += 1.204 / (1.204 + 0.750) * Math.Exp(MathNet.Numerics.SpecialFunctions.BetaLn(0.657, 2.783 + t) - MathNet.Numerics.SpecialFunctions.BetaLn(0.657, 2.783));
        }

        model.ExpectedTransactions(6).Should().BeApproximately(sum, 1e-12, "direct summation of FHS 2010 eq. 7's terms");
    }
}
