using LifetimeValue.Finance;

namespace LifetimeValue.Tests.Finance;

public sealed partial class IrrTests
{
    [Test]
    public void Solve_NullFlows_Throws()
    {
        var act = () => Irr.Solve(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("flows");
    }

    [TestCase(new double[0])]
    [TestCase(new[] { -100.0 })]
    public void Solve_FewerThanTwoFlows_Throws(double[] flows)
    {
        var act = () => Irr.Solve(flows);

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(flows))
            .WithMessage($"flows must contain at least 2 values (was {flows.Length}).*");
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    public void Solve_NonFiniteFlow_ThrowsNamingIndex(double bad, string shown)
    {
        var act = () => Irr.Solve([-100, 50, bad, 60]);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("flows")
            .WithMessage($"flows[2] must be a finite number (was {shown}).*");
    }

    [TestCase(-1.0)]
    [TestCase(-2.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Solve_GuessNotAboveMinusOne_Throws(double guess)
    {
        var act = () => Irr.Solve([-100, 110], guess);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(guess))
            .WithMessage("guess must be a finite number > -1 (was *");
    }
}
