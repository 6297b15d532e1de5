using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>One state of the relationship (e.g. active, dormant, lapsed).</summary>
/// <remarks>Thread safety: immutable.</remarks>
public sealed record RelationshipState
{
    private readonly string _name = "state";
    private readonly double _marginFactor = 1.0;

    /// <summary>Creates a state.</summary>
    /// <param name="name">Display name; not blank.</param>
    /// <param name="marginFactor">Share of the margins (base and products) earned in this state, in [0, 1] (servicing costs are paid in full while products are held).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public RelationshipState(string name, double marginFactor)
    {
        Name = name;
        MarginFactor = marginFactor;
    }

    /// <summary>Display name.</summary>
    public string Name { get => _name; init => _name = Guard.NotBlank(value, nameof(Name)); }

    /// <summary>Share of the margins earned in this state, in [0, 1].</summary>
    public double MarginFactor { get => _marginFactor; init => _marginFactor = Guard.Probability(value, nameof(MarginFactor)); }
}

/// <summary>
/// A Markov chain over relationship states that is not driven by age — active, dormant, lapsed with win-back, … — laid
/// over a <see cref="LifecycleModel"/>: the state machine is data.
/// </summary>
/// <remarks>
/// <para>Every customer starts in state 0. In each month t a customer not yet gone (stage attrition is terminal and
/// unchanged) earns <c>f(s_t) · (base margin + margins of the products held) − servicing of the products held</c>, where f is
/// the state's <see cref="RelationshipState.MarginFactor"/>, then moves to state j with probability <c>P[s_t, j]</c>,
/// independently of attrition and adoption (adoption at stage entry does not depend on the state). Hence
/// <c>E[f(s_t)] = e₀ Pᵗ f</c> and the exact engine stays exact. A "lost" state with factor 0 and a small
/// probability of returning to "active" models win-back.</para>
/// <para>Draws: the transition in month t uses word t mod 4 of the Philox block (purpose StateTransition, index ⌊t/4⌋),
/// compared as an integer with the row's cumulative thresholds ⌊(P[s,0] + … + P[s,j])·2³²⌋.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class RelationshipStates : IEquatable<RelationshipStates>
{
    /// <summary>The most states a chain may have.</summary>
    public const int MaxStates = 16;

    /// <summary>How far a row's sum may be from 1 (rounding in user input), 1e-9; a larger gap is an error, never renormalised.</summary>
    public const double RowSumTolerance = 1e-9;

    private readonly RelationshipState[] _states;
    private readonly double[][] _transitions;

    /// <summary>Creates a chain.</summary>
    /// <param name="states">The states (2 to 16, distinct names); state 0 is the state at acquisition.</param>
    /// <param name="monthlyTransitions">Row-stochastic matrix: <c>monthlyTransitions[i][j]</c> is the probability of moving from i to j in a month.</param>
    /// <exception cref="ArgumentException">Sizes, probabilities or row sums out of range (the message names the row and entry).</exception>
    public RelationshipStates(IReadOnlyList<RelationshipState> states, IReadOnlyList<IReadOnlyList<double>> monthlyTransitions)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(monthlyTransitions);
        Guard.InRange(states.Count, 2, MaxStates, "states.Count");
        _states = [.. states.Select((s, i) => s ?? throw new ArgumentNullException($"states[{i}]"))];
        States = ReadOnly.Wrap(_states);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _states.Length; i++)
        {
            if (!names.Add(_states[i].Name))
            {
                throw new ArgumentException($"states[{i}] repeats the name '{_states[i].Name}': names must be distinct.", nameof(states));
            }
        }

        if (monthlyTransitions.Count != _states.Length)
        {
            throw new ArgumentException($"monthlyTransitions must have {_states.Length} rows, one per state (was {monthlyTransitions.Count}).", nameof(monthlyTransitions));
        }

        _transitions = new double[_states.Length][];
        for (var i = 0; i < _states.Length; i++)
        {
            var row = monthlyTransitions[i] ?? throw new ArgumentNullException($"monthlyTransitions[{i}]");
            if (row.Count != _states.Length)
            {
                throw new ArgumentException($"monthlyTransitions[{i}] must have {_states.Length} entries (was {row.Count}).", nameof(monthlyTransitions));
            }

            for (var j = 0; j < row.Count; j++)
            {
                Guard.Probability(row[j], $"monthlyTransitions[{i}][{j}]");
            }

            var sum = row.Sum();
            if (Math.Abs(sum - 1.0) > RowSumTolerance)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"monthlyTransitions[{i}] (from '{_states[i].Name}') must sum to 1 within {RowSumTolerance} (was {sum:R})."), nameof(monthlyTransitions));
            }

            _transitions[i] = [.. row];
        }
    }

    /// <summary>The states; state 0 is the state at acquisition.</summary>
    public IReadOnlyList<RelationshipState> States { get; }

    /// <summary>The monthly transition probability from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">State index.</param>
    /// <param name="to">State index.</param>
    /// <returns>The probability.</returns>
    public double Transition(int from, int to) => _transitions[from][to];

    /// <summary>
    /// A three-state chain: active (factor 1), dormant (<paramref name="dormantMarginFactor"/>) and lapsed (factor 0), with
    /// monthly probabilities of going dormant, reactivating, lapsing and being won back.
    /// </summary>
    /// <param name="goDormant">Active → dormant per month.</param>
    /// <param name="reactivate">Dormant → active per month.</param>
    /// <param name="lapse">Dormant → lapsed per month.</param>
    /// <param name="winBack">Lapsed → active per month.</param>
    /// <param name="dormantMarginFactor">Share of margins a dormant customer still earns.</param>
    /// <returns>The chain.</returns>
    public static RelationshipStates ActiveDormantLapsed(double goDormant, double reactivate, double lapse, double winBack, double dormantMarginFactor) =>
        new(
            [new RelationshipState("Active", 1.0), new RelationshipState("Dormant", dormantMarginFactor), new RelationshipState("Lapsed", 0.0)],
            [
                [1.0 - Guard.Probability(goDormant), goDormant, 0.0],
                [Guard.Probability(reactivate), 1.0 - reactivate - Guard.Probability(lapse), lapse],
                [Guard.Probability(winBack), 0.0, 1.0 - winBack],
            ]);

    /// <summary>The expected margin factor <c>E[f(s_t)] = e₀ Pᵗ f</c> for t = 0 … <paramref name="periods"/> − 1.</summary>
    /// <param name="periods">Months, ≥ 0.</param>
    /// <returns>The factors.</returns>
    public double[] ExpectedMarginFactors(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        var n = _states.Length;
        var p = new double[n];
        var next = new double[n];
        p[0] = 1.0;
        var result = new double[periods];
        for (var t = 0; t < periods; t++)
        {
            var f = 0.0;
            for (var i = 0; i < n; i++)
            {
                f += p[i] * _states[i].MarginFactor;
            }

            result[t] = f;
            Array.Clear(next);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    next[j] += p[i] * _transitions[i][j];
                }
            }

            (p, next) = (next, p);
        }

        return result;
    }

    /// <inheritdoc />
    public bool Equals(RelationshipStates? other) =>
        other is not null && _states.SequenceEqual(other._states) && _transitions.Zip(other._transitions).All(r => r.First.SequenceEqual(r.Second));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RelationshipStates);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_states.Length, _states[0], _transitions[0][0]);
}
