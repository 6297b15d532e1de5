using LifetimeValue.Discounting;
using LifetimeValue.Focused;
using LifetimeValue.Lifecycle;
using LifetimeValue.Projection;
using LifetimeValue.Sensitivity;
using LifetimeValue.Tests.Focused;

namespace LifetimeValue.Tests.Comparison;

public sealed class SensitivityTests
{
    private const double Tol = 1e-12;

    [Test]
    public void Acquisition_cost_moves_clv_one_for_one()
    {
        // CLV = −A + V: ±10 % of A = 90 moves the hotel's CLV by ∓9 exactly.
        var t = SensitivityAnalysis.Tornado([Presets.Hotel()], [SensitivityParameter.AcquisitionCost], Presets.BankRates());
        var bar = t.Bars.Should().ContainSingle().Subject;
        bar.Low.Should().BeApproximately(81, Tol);
        bar.High.Should().BeApproximately(99, Tol);
        (bar.ClvAtLow - bar.BaseClv).Should().BeApproximately(9, 1e-9);
        (bar.ClvAtHigh - bar.BaseClv).Should().BeApproximately(-9, 1e-9);
        bar.Swing.Should().BeApproximately(18, 1e-9);
    }

    [Test]
    public void Discount_rate_tornado_matches_the_hand_formula()
    {
        // Base 2-month model (flows 40 and 16.4) at 12 % flat: at 10.8 % CLV = 40·1.108^{−1/12} + 16.4·1.108^{−2/12}.
        var m = CustomerFocusedLeverTests.Base() with { Discounting = Discount.FlatAnnual(0.12) };
        var bar = SensitivityAnalysis.Tornado([m], [SensitivityParameter.DiscountRate], RatePath.Constant(0.0)).Bars[0];
        bar.Low.Should().BeApproximately(0.108, Tol);
        bar.ClvAtLow.Should().BeApproximately((40 * Math.Pow(1.108, -1.0 / 12)) + (16.4 * Math.Pow(1.108, -2.0 / 12)), 1e-10);
        bar.ClvAtHigh.Should().BeLessThan(bar.BaseClv);
    }

    [Test]
    public void Attrition_multiplier_scales_churn()
    {
        // ×1.1: churn 0.11 and 0.55 → retention 1 − (0.8·0.11 + 0.2·0.55) = 0.802; CLV = 40 + 0.802·20 = 56.04.
        var (moved, _) = SensitivityParameter.AttritionMultiplier.Apply(CustomerFocusedLeverTests.Base(), RatePath.Constant(0), 1.1);
        ExpectedValueEngine.Project(moved, RatePath.Constant(0)).Clv.Should().BeApproximately(56.04, 56.04 * Tol);

        // Lifecycle: every stage's annual attrition is scaled.
        var (bank, _) = SensitivityParameter.AttritionMultiplier.Apply(Presets.Bank(), Presets.BankRates(), 0.5);
        ((LifecycleModel)bank).Stages.Stages.Select(s => s.AnnualAttrition).Should().Equal(Presets.Bank().Stages.Stages.Select(s => s.AnnualAttrition * 0.5));

        var tooMuch = () => SensitivityParameter.AttritionMultiplier.Apply(CustomerFocusedLeverTests.Base(), RatePath.Constant(0), 3.0);
        tooMuch.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*churn after a failure to 1.5*");
    }

    [Test]
    public void Rate_shift_and_horizon_apply_to_both_kinds()
    {
        var (_, rates) = SensitivityParameter.RateShift.Apply(Presets.Bank(), Presets.BankRates(), 0.01);
        rates.At(100).Should().BeApproximately(0.04, Tol);
        var (hotel, _) = SensitivityParameter.HorizonYears.Apply(Presets.Hotel(), Presets.BankRates(), 2);
        hotel.MaxPeriods.Should().Be(24);
        SensitivityParameter.HorizonYears.BaseValue(Presets.Hotel()).Should().Be(5);
        var (bank, _) = SensitivityParameter.HorizonYears.Apply(Presets.Bank(), Presets.BankRates(), 10);
        bank.MaxPeriods.Should().Be(120);
    }

    [Test]
    public void Zero_base_parameters_move_by_their_step()
    {
        // The rate shift's base is 0: a relative tornado moves it ±100 bp, i.e. the same as projecting at 2 % and 4 % flat.
        var bar = SensitivityAnalysis.Tornado([Presets.Bank()], [SensitivityParameter.RateShift], Presets.BankRates()).Bars[0];
        bar.Low.Should().Be(-0.01);
        bar.High.Should().Be(0.01);
        // 0.03 − 0.01 is 0.019999999999999997 in binary, hence a 1e-9 relative tolerance rather than equality.
        var low = ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.02)).Clv;
        var high = ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.04)).Clv;
        bar.ClvAtLow.Should().BeApproximately(low, 1e-9 * Math.Abs(low));
        bar.ClvAtHigh.Should().BeApproximately(high, 1e-9 * Math.Abs(high));
    }

    [Test]
    public void Tornado_sorts_by_swing_and_skips_what_does_not_apply()
    {
        var custom = SensitivityParameter.Custom("Hotel price", m => m is CustomerFocusedModel f ? f.Purchases.Price : null,
            (m, v) => ((CustomerFocusedModel)m) with { Purchases = ((CustomerFocusedModel)m).Purchases with { Price = v } });
        var t = SensitivityAnalysis.Tornado([Presets.Bank(), Presets.Hotel()],
            [SensitivityParameter.AcquisitionCost, SensitivityParameter.DiscountRate, SensitivityParameter.AttritionMultiplier, custom], Presets.BankRates());
        t.Bars.Should().HaveCount(7, "the custom price applies to the hotel only");
        t.Bars.Select(b => b.Swing).Should().BeInDescendingOrder();
        t.BaseClv["bank"].Should().Be(ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates()).Clv);
        t.ToTables()[0].RowCount.Should().Be(7);
    }

    [Test]
    public void Decision_map_cells_equal_direct_projections_and_show_the_trade_off()
    {
        // The lifetime strategy's value lies decades out, so the cost of capital decides: at a 1 % spread over the short rate
        // the bank wins, at 8 % the hotel does (the preset's base is 5 %).
        var rates = Presets.BankRates();
        var map = SensitivityAnalysis.DecisionMap([Presets.Bank(), Presets.Hotel()],
            SensitivityParameter.AcquisitionCost, [50.0, 250.0], SensitivityParameter.DiscountRate, [0.01, 0.08], rates);
        map.Strategies.Should().Equal("bank", "hotel");
        map.Winner(0, 1).Should().Be(0, "cheap capital favours the lifetime strategy");
        map.Winner(1, 1).Should().Be(1, "expensive capital favours the short-horizon strategy");
        var bank = Presets.Bank() with { Discounting = Discount.ShortRatePlus(0.08), AcquisitionCost = 50.0 };
        map.Clv(0, 1, 0).Should().Be(ExpectedValueEngine.Project(bank, rates).Clv);
        map.Margin(1, 0).Should().BeApproximately(map.Clv(1, 1, 0) - map.Clv(0, 1, 0), 1e-9);
        map.ToTables().Should().HaveCount(4, "winner grid, difference grid, one CLV grid per strategy");
        using var stream = new MemoryStream();
        map.WriteJson(stream);
        stream.Length.Should().BeGreaterThan(100);
    }

    [Test]
    public void Bad_arguments_are_refused()
    {
        var shift = () => SensitivityAnalysis.Tornado([Presets.Hotel()], [SensitivityParameter.AcquisitionCost], Presets.BankRates(), 1.5);
        shift.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*relativeShift*");
        var single = () => SensitivityAnalysis.DecisionMap([Presets.Hotel()], SensitivityParameter.AcquisitionCost, [1.0], SensitivityParameter.RateShift, [0.0], Presets.BankRates());
        single.Should().Throw<ArgumentException>().WithMessage("*at least 2*");
    }
}
