using System.Collections;
using System.Reflection;
using LifetimeValue.Calibration;
using LifetimeValue.Comparison;
using LifetimeValue.Finance;
using LifetimeValue.Projection;
using LifetimeValue.Scenarios;
using LifetimeValue.Simulation;
using LifetimeValue.Simulation.Backends;

namespace LifetimeValue.Tests.Contracts;

/// <summary>
/// The types documented as immutable must be: no public collection may be (or be cast back to) an array or a writable
/// list. Walks the public object graph of the presets and of every result kind.
/// </summary>
public sealed class ImmutabilityTests
{
    private static readonly Assembly Library = typeof(Presets).Assembly;

    private static IEnumerable<TestCaseData> Roots()
    {
        var scenarios = ScenarioSet.Generate(new Vasicek(0.03, 0.15, 0.03, 0.01), 3, Presets.Bank().MaxPeriods, 5);
        var options = new SimulationOptions { Seed = 3, Customers = 400, ChunkSize = 200 };
        yield return new TestCaseData(Presets.Bank()).SetArgDisplayNames("bank preset");
        yield return new TestCaseData(Presets.Hotel()).SetArgDisplayNames("hotel preset");
        yield return new TestCaseData(Presets.W1()).SetArgDisplayNames("w1 preset");
        yield return new TestCaseData(ExpectedValueEngine.Project(Presets.Bank(), RatePath.Constant(0.03))).SetArgDisplayNames("bank projection");
        yield return new TestCaseData(ExpectedValueEngine.Project(Presets.Hotel(), RatePath.Constant(0.03))).SetArgDisplayNames("hotel projection");
        yield return new TestCaseData(MonteCarloEngine.Simulate(Presets.Bank(), scenarios, options)).SetArgDisplayNames("bank simulation");
        yield return new TestCaseData(StrategyComparison.Compare([Presets.Bank(), Presets.Hotel()], scenarios,
            new ComparisonOptions { Simulation = options })).SetArgDisplayNames("comparison");
        yield return new TestCaseData(scenarios).SetArgDisplayNames("scenario set");
        yield return new TestCaseData(LifecycleDrawLayout.Create(Presets.Bank(), scenarios, options, DrawLayout.Version)).SetArgDisplayNames("lifecycle draw layout");
        var bgnbd = BgNbdModel.FromParameters(0.24, 4.4, 0.79, 2.4);
        var histories = SyntheticCustomers.BgNbd(bgnbd, [.. Enumerable.Repeat(39.0, 800)], 7);
        yield return new TestCaseData(BgNbdModel.Fit(histories)).SetArgDisplayNames("BG/NBD fit");
        yield return new TestCaseData(KaplanMeier.Estimate([1.0, 2.0, 2.0, 5.0], [true, false, true, true])).SetArgDisplayNames("Kaplan-Meier curve");
        yield return new TestCaseData(Irr.Solve([-100.0, 230.0, -132.0])).SetArgDisplayNames("IRR with two roots");
        yield return new TestCaseData(ZeroCurve.FromZeroRates([1.0, 5.0], [0.02, 0.03])).SetArgDisplayNames("zero curve");
    }

    [TestCaseSource(nameof(Roots))]
    public void PublicCollections_AreNeitherArraysNorWritable(object root)
    {
        var problems = new List<string>();
        Walk(root, root.GetType().Name, new HashSet<object>(ReferenceEqualityComparer.Instance), problems, 0);
        problems.Should().BeEmpty("a public collection that is an array (or a writable list) can be changed by any reader, " +
            "and every later result built from it changes too");
    }

    [Test]
    public void ProjectionLineNames_OfTheFocusedModel_CannotBeCastBackAndChanged()
    {
        var names = ExpectedValueEngine.Project(Presets.Hotel(), RatePath.Constant(0.03)).LineNames;
        (names is string[]).Should().BeFalse("the line names were a static array shared by every projection");
        var act = () => ((IList<string>)names)[0] = "changed";
        act.Should().Throw<NotSupportedException>();
        ExpectedValueEngine.Project(Presets.Hotel(), RatePath.Constant(0.03)).LineNames[0].Should().Be("Purchase contribution");
    }

    private static void Walk(object value, string path, HashSet<object> seen, List<string> problems, int depth)
    {
        if (depth > 6 || !seen.Add(value))
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.PropertyType.IsByRefLike)
            {
                continue;
            }

            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue; // a property that throws for this state (e.g. no exact sample kept) holds nothing to check
            }

            if (child is null || child is string)
            {
                continue;
            }

            var where = $"{path}.{property.Name}";
            var declared = property.PropertyType;
            if (child is Array && !declared.IsArray)
            {
                problems.Add($"{where} ({declared.Name}) is a {child.GetType().Name}");
            }
            else if (child is IList { IsReadOnly: false } && !declared.IsArray)
            {
                problems.Add($"{where} ({declared.Name}) is a writable {child.GetType().Name}");
            }

            if (child is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && item.GetType().Assembly == Library && i++ < 3)
                    {
                        Walk(item, $"{where}[{i - 1}]", seen, problems, depth + 1);
                    }
                }
            }
            else if (child.GetType().Assembly == Library && !child.GetType().IsPrimitive)
            {
                Walk(child, where, seen, problems, depth + 1);
            }
        }
    }
}
