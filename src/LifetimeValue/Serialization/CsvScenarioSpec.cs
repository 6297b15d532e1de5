using LifetimeValue.Internal;
using LifetimeValue.Scenarios;

namespace LifetimeValue.Serialization;

/// <summary>
/// Scenarios read from a CSV file in <see cref="ScenarioSet.CsvHeader"/> layout (<c>"kind": "csv"</c>). A relative
/// path is resolved against the model file's folder.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed record CsvScenarioSpec : ScenarioSpec
{
    private readonly string _path = null!;

    /// <summary>Creates the specification.</summary>
    /// <param name="path">Path of the CSV file (absolute, or relative to the model file); not blank.</param>
    /// <exception cref="ArgumentException">Blank path.</exception>
    public CsvScenarioSpec(string path) => Path = path;

    /// <summary>Path of the CSV file as written in the model file.</summary>
    public string Path { get => _path; init => _path = Guard.NotBlank(value, nameof(Path)); }

    /// <summary>The path resolved against <paramref name="baseDirectory"/>.</summary>
    /// <param name="baseDirectory">The model file's folder, or null for the current directory.</param>
    /// <returns>The full path.</returns>
    public string Resolve(string? baseDirectory) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(Path) || baseDirectory is null ? Path : System.IO.Path.Combine(baseDirectory, Path));

    /// <inheritdoc/>
    public override ScenarioSet Create(int minimumPeriods, string? baseDirectory = null, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default) =>
        ScenarioSet.ReadCsv(Resolve(baseDirectory));
}
