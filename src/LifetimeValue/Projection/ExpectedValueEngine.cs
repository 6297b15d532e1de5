using LifetimeValue.Lifecycle;
using LifetimeValue.Model;

namespace LifetimeValue.Projection;

/// <summary>
/// The exact expected-value engine: computes, without sampling, the expected cash flows of any
/// <see cref="StrategyModel"/> period by period, conditional on one rate path. The engine is a thin driver: it fills
/// the rates and discount factors and hands them to the model kind's own projection.
/// </summary>
/// <remarks>
/// <para>Customer-centric (<see cref="LifecycleModel"/>): for a customer acquired at age a, let
/// <c>S_t = Π_{u&lt;t}(1 − h_u)</c> be the probability of still being a customer at the start of period t. Adoption is
/// drawn at stage entry independently of attrition, so the expected cash flow of period t is
/// <c>S_t · [b_t + Σ_j p_j · (m_{j,t} − c_j)]</c> (base margin b, product adoption p, margin m, servicing c; with
/// <see cref="LifecycleModel.States"/> the margins b and m are multiplied by the expected state factor <c>E[f(s_t)]</c>)
/// and <c>CLV = −A + Σ_t D_{t+1} · E[CF_t]</c>, averaged over acquisition ages with their shares.
/// Cost: O(cohorts × periods × products).</para>
/// <para>Customer-focused (<see cref="Focused.CustomerFocusedModel"/>): a backward value recursion over the months of
/// the horizon, O(H) (O(H · quadrature nodes) with heterogeneity); see the model's documentation.</para>
/// <para>Thread safety: stateless; safe to call concurrently.</para>
/// </remarks>
public static class ExpectedValueEngine
{
    /// <summary>Projects a model along one rate path.</summary>
    /// <param name="model">The model.</param>
    /// <param name="rates">The annual short-rate path (must cover the longest horizon unless constant).</param>
    /// <returns>The projection table and its summary metrics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The model's parts do not fit, or the rate path is too short.</exception>
    public static ProjectionResult Project(StrategyModel model, RatePath rates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rates);
        var compiled = CompiledStrategy.Compile(model);
        var periods = compiled.MaxPeriods;
        var r = new double[periods];
        rates.CopyTo(r);
        var df = new double[periods];
        model.Discounting.Fill(r, df);
        return compiled.Project(rates, r, df);
    }
}
