namespace LifetimeValue.Calibration;

/// <summary>
/// A discrete-time repeat-transaction history (BG/BB): over n transaction opportunities after the first purchase the
/// customer transacted x times, the last at opportunity t_x (Fader, Hardie and Shang 2010).
/// </summary>
/// <param name="Frequency">x: number of opportunities with a transaction, 0 ≤ x ≤ t_x.</param>
/// <param name="Recency">t_x: the opportunity of the last transaction (1 … n), 0 when x = 0.</param>
/// <param name="Opportunities">n: number of opportunities observed, ≥ 1.</param>
/// <remarks>Thread safety: an immutable value.</remarks>
public readonly record struct DiscreteHistory(int Frequency, int Recency, int Opportunities);
