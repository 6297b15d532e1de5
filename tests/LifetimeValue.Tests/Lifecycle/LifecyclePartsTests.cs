using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Tests.Lifecycle;

public sealed class AgeScheduleTests
{
    [Test]
    public void ValueAt_StepSchedule_TakesLastStepAtOrBelowAge()
    {
        var s = AgeSchedule.Steps((18, 0.01), (25, 0.03), (40, 0.05));

        s.ValueAt(10).Should().Be(0.01, "ages below the first step take the first value");
        s.ValueAt(18).Should().Be(0.01);
        s.ValueAt(24).Should().Be(0.01);
        s.ValueAt(25).Should().Be(0.03);
        s.ValueAt(90).Should().Be(0.05, "flat beyond the last step");
    }

    [Test]
    public void Ramp_LinearYearlySteps_HitsBothEnds()
    {
        var s = AgeSchedule.Ramp(20, 0.10, 30, 0.20);

        s.ValueAt(20).Should().Be(0.10);
        s.ValueAt(25).Should().BeApproximately(0.15, 1e-15, "hand calc: halfway along a linear ramp");
        s.ValueAt(30).Should().BeApproximately(0.20, 1e-15);
        s.ValueAt(60).Should().BeApproximately(0.20, 1e-15);
    }

    [Test]
    public void Steps_UnorderedAges_ThrowsNamingTheStep()
    {
        var act = () => AgeSchedule.Steps((30, 1.0), (20, 2.0));

        act.Should().Throw<ArgumentException>().WithMessage("*steps[1].FromAge*strictly increasing*");
    }

    [Test]
    public void Constant_NaN_ThrowsNamingValue()
    {
        var act = () => AgeSchedule.Constant(double.NaN);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*value must be a finite number (was NaN)*");
    }
}

public sealed class MarginScheduleTests
{
    [Test]
    public void Loan_MarginIsBalanceTimesCustomerRateLessFundingOver12()
    {
        var m = MarginSchedule.Loan(120_000, AgeSchedule.Constant(0.05), 0.005);

        // hand calc: 120,000 × (0.05 − 0.03 − 0.005) / 12 = 150 per month.
        m.At(35, 0.03).Should().BeApproximately(150.0, 1e-9, "hand calc: B(c − r − s)/12");
    }

    [Test]
    public void Deposit_MarginIsBalanceTimesRateLessCustomerRateOver12()
    {
        var m = MarginSchedule.Deposit(24_000, AgeSchedule.Constant(0.01));

        // hand calc: 24,000 × (0.04 − 0.01) / 12 = 60 per month.
        m.At(50, 0.04).Should().BeApproximately(60.0, 1e-9, "hand calc: B(r − c)/12");
    }

    [Test]
    public void RateLinear_IsInterceptPlusSlopeTimesRate()
    {
        MarginSchedule.RateLinear(120, -1500).At(35, 0.03).Should().BeApproximately(75.0, 1e-12, "hand calc: 120 − 1500 × 0.03");
    }

    [Test]
    public void Loan_NegativeBalance_Throws()
    {
        var act = () => MarginSchedule.Loan(-1, AgeSchedule.Constant(0.05), 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*balance*≥ 0*(was -1)*");
    }
}

public sealed class ProductAndStageTests
{
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Product_AdoptionOutsideUnitInterval_ThrowsNamingParameterAndRange(double p)
    {
        var act = () => new Product("Card", p, MarginSchedule.Fixed(1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AdoptionProbability must be in [0, 1]*");
    }

    [Test]
    public void Product_WithExpressionStillValidates()
    {
        var card = new Product("Card", 0.5, MarginSchedule.Fixed(1));

        var act = () => card with { AdoptionProbability = 2 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AdoptionProbability*(was 2)*");
    }

    [Test]
    public void LifeStage_MonthlyHazard_CompoundsToAnnualAttritionExactly()
    {
        var stage = new LifeStage("Family", 30, 45, 0.04, []);

        var retainedAfterYear = Math.Pow(1 - stage.MonthlyHazard, 12);

        retainedAfterYear.Should().BeApproximately(0.96, 1e-15, "h = 1 − (1 − q)^(1/12) so twelve months retain 1 − q");
    }

    [Test]
    public void LifeStage_EndNotAfterStart_Throws()
    {
        var act = () => new LifeStage("Bad", 30, 30, 0.04, []);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*endAge must be greater than startAge = 30 (was 30)*");
    }

    [Test]
    public void LifeStage_AttritionAboveOne_Throws()
    {
        var act = () => new LifeStage("Bad", 30, 40, 1.2, []);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AnnualAttrition must be in [0, 1] (was 1.2)*");
    }

    [Test]
    public void StageLadder_Gap_ThrowsNamingStages()
    {
        var act = () => new StageLadder([new LifeStage("A", 10, 20, 0.1, []), new LifeStage("B", 21, 30, 0.1, [])]);

        act.Should().Throw<ArgumentException>().WithMessage("*stages[1].StartAge must equal stages[0].EndAge = 20 (was 21)*");
    }

    [Test]
    public void StageLadder_DuplicateNames_Throws()
    {
        var act = () => new StageLadder([new LifeStage("A", 10, 20, 0.1, []), new LifeStage("A", 20, 30, 0.1, [])]);

        act.Should().Throw<ArgumentException>().WithMessage("*stage names must be unique*");
    }

    [Test]
    public void StageLadder_Empty_Throws()
    {
        var act = () => new StageLadder([]);

        act.Should().Throw<ArgumentException>().WithMessage("*stages must not be empty*");
    }

    [Test]
    public void StageLadder_IndexOf_FindsCoveringStage()
    {
        var ladder = Presets.W1().Stages;

        ladder.IndexOf(11).Should().Be(0);
        ladder.IndexOf(17).Should().Be(0);
        ladder.IndexOf(18).Should().Be(1);
        ladder.IndexOf(79).Should().Be(6);
        ladder.IndexOf(80).Should().Be(-1);
        ladder.IndexOf(5).Should().Be(-1);
    }
}

public sealed class AcquisitionAndHorizonTests
{
    [Test]
    public void Uniform_CyclesAgesByCustomerIndex()
    {
        var profile = AcquisitionProfile.Uniform(11, 15);

        Enumerable.Range(0, 12).Select(i => profile.Ages[profile.CohortOf(i)])
            .Should().Equal([11, 12, 13, 14, 15, 11, 12, 13, 14, 15, 11, 12], "W1: customer i is acquired at 11 + (i mod 5)");
    }

    [Test]
    public void FromWeights_CycleIsStratifiedByWeight()
    {
        var profile = AcquisitionProfile.FromWeights((20, 3), (30, 1));

        Enumerable.Range(0, 8).Select(i => profile.Ages[profile.CohortOf(i)]).Should().Equal([20, 20, 20, 30, 20, 20, 20, 30]);
        profile.Share(0).Should().Be(0.75);
    }

    [Test]
    public void FromWeights_ZeroWeight_Throws()
    {
        var act = () => AcquisitionProfile.FromWeights((20, 0));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*shares[0].Weight must be in [1, 1000000] (was 0)*");
    }

    [Test]
    public void Horizon_ToAge_GivesMonthsToEndAge()
    {
        Horizon.ToAge(80).PeriodsFor(11).Should().Be(828, "W1: 12 × (80 − 11)");
        Horizon.Years(5).PeriodsFor(40).Should().Be(60);
    }

    [TestCase(0)]
    [TestCase(1201)]
    public void Horizon_MonthsOutOfBounds_Throws(int months)
    {
        var act = () => Horizon.Months(months);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*periods must be in [1, 1200]*");
    }

    [Test]
    public void Model_AcquisitionOutsideLadder_Throws()
    {
        var w1 = Presets.W1();

        var act = () => w1 with { Acquisition = AcquisitionProfile.SingleAge(9) };
        var model = act();

        model.Invoking(m => m.Validate()).Should().Throw<ArgumentException>().WithMessage("*Acquisition.Ages[0] must be in [11, 79]*(was 9)*");
    }

    [Test]
    public void Model_HorizonBeyondLadder_ThrowsInConstructor()
    {
        var w1 = Presets.W1();

        var act = () => new LifecycleModel("x", w1.Stages, w1.Acquisition, 150, Horizon.ToAge(90), Discount.FlatAnnual(0.05));

        act.Should().Throw<ArgumentException>().WithMessage("*beyond the stage ladder's last age 79*");
    }

    [Test]
    public void Model_NegativeAcquisitionCost_Throws()
    {
        var act = () => Presets.W1() with { AcquisitionCost = -5 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*AcquisitionCost must be a finite number ≥ 0 (was -5)*");
    }
}
