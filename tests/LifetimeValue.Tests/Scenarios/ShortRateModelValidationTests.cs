using LifetimeValue.Scenarios;

namespace LifetimeValue.Tests.Scenarios;

/// <summary>Bad parameters: each error names the parameter, the allowed range and the value; nothing is clamped.</summary>
public sealed class ShortRateModelValidationTests
{
    private static readonly ZeroCurve Flat = ZeroCurve.Flat(0.03);

    private static IEnumerable<TestCaseData> BadModels()
    {
        yield return Case("Vasicek initialRate NaN", () => new Vasicek(double.NaN, 0.15, 0.035, 0.01), "initialRate", "initialRate must be a finite number (was NaN).");
        yield return Case("Vasicek kappa 0", () => new Vasicek(0.03, 0.0, 0.035, 0.01), "kappa", "kappa must be a finite number > 0 (was 0).");
        yield return Case("Vasicek kappa -1", () => new Vasicek(0.03, -1.0, 0.035, 0.01), "kappa", "kappa must be a finite number > 0 (was -1).");
        yield return Case("Vasicek theta inf", () => new Vasicek(0.03, 0.15, double.PositiveInfinity, 0.01), "theta", "theta must be a finite number (was Infinity).");
        yield return Case("Vasicek sigma negative", () => new Vasicek(0.03, 0.15, 0.035, -0.01), "sigma", "sigma must be a finite number ≥ 0 (was -0.01).");
        yield return Case("Vasicek scheme undefined", () => new Vasicek(0.03, 0.15, 0.035, 0.01, (RateScheme)7), "scheme", "scheme must be Euler or Exact for Vasicek (was 7).");
        yield return Case("Vasicek with kappa", () => new Vasicek(0.03, 0.15, 0.035, 0.01) with { Kappa = double.NaN }, "kappa", "kappa must be a finite number > 0 (was NaN).");
        yield return Case("CIR initialRate negative", () => new CoxIngersollRoss(-0.01, 0.5, 0.04, 0.1), "initialRate", "initialRate must be a finite number ≥ 0 (was -0.01).");
        yield return Case("CIR theta negative", () => new CoxIngersollRoss(0.03, 0.5, -0.04, 0.1), "theta", "theta must be a finite number ≥ 0 (was -0.04).");
        yield return Case("CIR kappa NaN", () => new CoxIngersollRoss(0.03, double.NaN, 0.04, 0.1), "kappa", "kappa must be a finite number > 0 (was NaN).");
        yield return Case("CIR Exact", () => new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1, RateScheme.Exact), "scheme",
            "scheme must be Euler (full truncation); the exact non-central chi-squared transition is not supported for CoxIngersollRoss (was Exact).");
        yield return Case("CIR with sigma", () => new CoxIngersollRoss(0.03, 0.5, 0.04, 0.1) with { Sigma = -1 }, "sigma", "sigma must be a finite number ≥ 0 (was -1).");
        yield return Case("HW meanReversion 0", () => new HullWhite(0.0, 0.01, Flat), "meanReversion", "meanReversion must be a finite number > 0 (was 0).");
        yield return Case("HW sigma inf", () => new HullWhite(0.1, double.PositiveInfinity, Flat), "sigma", "sigma must be a finite number ≥ 0 (was Infinity).");
        yield return Case("HW with scheme", () => new HullWhite(0.1, 0.01, Flat) with { Scheme = (RateScheme)(-1) }, "scheme", "scheme must be Euler or Exact for HullWhite (was -1).");
        yield return Case("closed form negative time", () => new Vasicek(0.03, 0.15, 0.035, 0.01).ZeroCouponBondPrice(-1.0), "maturityYears", "maturityYears must be a finite number ≥ 0 (was -1).");
        yield return Case("closed form NaN time", () => new HullWhite(0.1, 0.01, Flat).ExpectedRate(double.NaN), "years", "years must be a finite number ≥ 0 (was NaN).");
    }

    private static IEnumerable<TestCaseData> BadSizes()
    {
        var model = new Vasicek(0.03, 0.15, 0.035, 0.01);
        yield return Case("scenarios 0", () => ScenarioSet.Generate(model, 0, 12, 1), "scenarios", "scenarios must be in [1, 1000000] (was 0).");
        yield return Case("scenarios too many", () => ScenarioSet.Generate(model, 1_000_001, 12, 1), "scenarios", "scenarios must be in [1, 1000000] (was 1000001).");
        yield return Case("periods 0", () => ScenarioSet.Generate(model, 1, 0, 1), "periods", "periods must be in [1, 1200] (was 0).");
        yield return Case("periods 1201", () => ScenarioSet.Generate(model, 1, 1201, 1), "periods", "periods must be in [1, 1200] (was 1201).");
        yield return Case("parallelism 0", () => ScenarioSet.Generate(model, 1, 12, 1, maxDegreeOfParallelism: 0), "maxDegreeOfParallelism",
            "maxDegreeOfParallelism must be -1 (all cores) or ≥ 1 (was 0).");
        yield return Case("constant NaN", () => ScenarioSet.Constant(double.NaN, 12), "annualRate", "annualRate must be a finite number (was NaN).");
        yield return Case("constant periods", () => ScenarioSet.Constant(0.03, 1201), "periods", "periods must be in [1, 1200] (was 1201).");
    }

    private static IEnumerable<TestCaseData> BadCurves()
    {
        yield return Case("tenor 0", () => ZeroCurve.FromZeroRates([0.0, 1.0], [0.01, 0.02]), "tenorsYears", "tenorsYears[0] must be in (0, 1000] (was 0).");
        yield return Case("tenors decreasing", () => ZeroCurve.FromZeroRates([2.0, 1.0], [0.01, 0.02]), "tenorsYears",
            "tenorsYears must be strictly increasing (tenorsYears[1] = 1 follows 2).*");
        yield return Case("rate NaN", () => ZeroCurve.FromZeroRates([1.0, 2.0], [0.01, double.NaN]), "zeroRates", "zeroRates[1] must be a finite number (was NaN).");
        yield return Case("count mismatch", () => ZeroCurve.FromZeroRates([1.0, 2.0], [0.01]), "zeroRates", "zeroRates must have one rate per tenor (2) (was 1).*");
        yield return Case("empty", () => ZeroCurve.FromZeroRates([], []), "tenorsYears", "tenorsYears must not be empty.*");
        yield return Case("flat inf", () => ZeroCurve.Flat(double.NegativeInfinity), "annualRate", "annualRate must be a finite number (was -Infinity).");
    }

    [TestCaseSource(nameof(BadModels))]
    [TestCaseSource(nameof(BadSizes))]
    [TestCaseSource(nameof(BadCurves))]
    public void Create_BadInput_ThrowsNamingParameterAndRange(Func<object> create, string parameter, string message)
    {
        var act = () => create();

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == parameter, $"the error names {parameter}")
            .And.Message.Should().Match(message + "*", "house format: '<name> must be <range> (was <value>).'");
    }

    [Test]
    public void Create_NullCurve_ThrowsArgumentNull()
    {
        var act = () => new HullWhite(0.1, 0.01, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("initialCurve");
    }

    [Test]
    public void Generate_NullModel_ThrowsArgumentNull()
    {
        var act = () => ScenarioSet.Generate(null!, 1, 12, 1);

        act.Should().Throw<ArgumentNullException>().WithParameterName("model");
    }

    [Test]
    public void Create_BoundaryValues_Accepted()
    {
        var act = () => new object[]
        {
            new Vasicek(-0.01, 1e-9, -0.02, 0.0, RateScheme.Euler),
            new CoxIngersollRoss(0.0, 0.5, 0.0, 0.0),
            new HullWhite(1e-9, 0.0, ZeroCurve.Flat(-0.005), RateScheme.Euler),
            ScenarioSet.Constant(0.0, 1200),
        };

        act.Should().NotThrow("negative Vasicek/HW rates, CIR at zero, σ = 0 and T = 1200 are all inside the documented ranges");
    }

    private static TestCaseData Case(string name, Func<object> create, string parameter, string message) =>
        new TestCaseData(create, parameter, message).SetArgDisplayNames(name);
}
