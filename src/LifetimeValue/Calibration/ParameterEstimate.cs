namespace LifetimeValue.Calibration;

/// <summary>One maximum-likelihood parameter estimate with its asymptotic standard error.</summary>
/// <param name="Name">Parameter name as in the source paper (e.g. <c>r</c>, <c>alpha</c>).</param>
/// <param name="Value">The estimate (&gt; 0 for every model in this namespace).</param>
/// <param name="StandardError">√(diagonal of the inverse observed information), by the delta method from the
/// log-scale Hessian: SE(θ) = θ·SE(log θ). NaN only if the Hessian could not be inverted (the fit then throws).</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct ParameterEstimate(string Name, double Value, double StandardError);
