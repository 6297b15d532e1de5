using LifetimeValue.Random;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Benchmarks.W1;

/// <summary>
/// The naive reference for W1, written plainly from WORKLOAD.md the way a first C# version would be: one object per
/// customer, month-by-month stepping, a Bernoulli draw per month from a sequential generator, the PV accumulated
/// period by period. It is every W1 suite's <c>Baseline = true</c>, so each optimisation in the library shows as a
/// ratio against it. Its draws are not the library's (it answers the same question with other random numbers), so
/// its mean agrees with the library's statistically, not bit for bit.
/// </summary>
public static class NaiveW1
{
    private static readonly int[] StageAges = [11, 18, 23, 30, 45, 60, 67];
    private static readonly double[] AnnualAttrition = [0.02, 0.05, 0.06, 0.04, 0.03, 0.02, 0.04];
    private static readonly double[] Adoption = [1.00, 0.60, 0.50, 0.45, 0.50, 0.50, 0.40];
    private static readonly double[] AdoptedIntercept = [-4.0, -6.0, 25.0, 120.0, 160.0, 90.0, 60.0];
    private static readonly double[] AdoptedSlope = [20.0, -100.0, -400.0, -1500.0, 1000.0, 600.0, 800.0];
    private static readonly double[] BasicMargin = [0.0, -1.0, 2.0, 5.0, 8.0, 6.0, 4.0];

    /// <summary>One customer, as an object.</summary>
    public sealed class Customer
    {
        public int AcquisitionAge { get; init; }

        public int Horizon { get; init; }

        public bool Alive { get; set; } = true;

        public bool Adopted { get; set; }

        public double PresentValue { get; set; } = -150.0;
    }

    /// <summary>Simulates N customers in every scenario of <paramref name="rates"/>; returns the mean and standard deviation of PV.</summary>
    public static (double Mean, double StandardDeviation) Simulate(long customers, ScenarioSet rates, ulong seed)
    {
        var generator = Xoshiro256StarStar.FromSplitMix64(seed);
        var tMax = 12 * (80 - 11);
        var hazard = AnnualAttrition.Select(q => 1.0 - Math.Pow(1.0 - q, 1.0 / 12.0)).ToArray();
        double n = 0, mean = 0, m2 = 0;
        for (var s = 0; s < rates.ScenarioCount; s++)
        {
            var r = rates.Path(s);
            var discount = new double[tMax];
            var d = 1.0;
            for (var t = 0; t < tMax; t++)
            {
                d *= Math.Exp(-(r[t] + 0.03) / 12.0);
                discount[t] = d; // D_{t+1}: end-of-month discounting
            }

            var population = new List<Customer>();
            for (long i = 0; i < customers; i++)
            {
                var age = 11 + (int)(i % 5);
                population.Add(new Customer { AcquisitionAge = age, Horizon = 12 * (80 - age) });
            }

            for (var t = 0; t < tMax; t++)
            {
                foreach (var customer in population)
                {
                    if (!customer.Alive || t >= customer.Horizon)
                    {
                        continue;
                    }

                    var age = customer.AcquisitionAge + (t / 12);
                    var k = StageAges.Length - 1;
                    while (StageAges[k] > age)
                    {
                        k--;
                    }

                    if (t % 12 == 0 && (t == 0 || StageAges[k] == age))
                    {
                        customer.Adopted = generator.NextOpenUnit() < Adoption[k];
                    }

                    var cashFlow = customer.Adopted ? AdoptedIntercept[k] + (AdoptedSlope[k] * r[t]) : BasicMargin[k];
                    customer.PresentValue += discount[t] * cashFlow;
                    if (generator.NextOpenUnit() < hazard[k])
                    {
                        customer.Alive = false;
                    }
                }
            }

            foreach (var customer in population)
            {
                n++;
                var delta = customer.PresentValue - mean;
                mean += delta / n;
                m2 += delta * (customer.PresentValue - mean);
            }
        }

        return (mean, Math.Sqrt(m2 / (n - 1)));
    }
}
