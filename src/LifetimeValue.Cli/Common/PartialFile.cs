using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LifetimeValue.Serialization;
using LifetimeValue.Simulation;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// A partial-result file written by <c>simulate --chunks k/n --partial file</c>: the run it belongs to (a model
/// file with scenarios and simulation options, so <c>merge</c> needs nothing else) followed by the core's
/// checksummed <see cref="SimulationPartial"/>.
/// </summary>
/// <remarks>
/// Layout: magic <c>LVCP</c>, version (int32), part k and n (int32 each, k from 1), run-file length (int32),
/// run file (UTF-8 JSON), SHA-256 of the run file (32 bytes), then <see cref="SimulationPartial.WriteTo"/>'s bytes
/// (which end in their own SHA-256). All integers little-endian.
/// </remarks>
internal sealed class PartialFile
{
    private static readonly byte[] Magic = "LVCP"u8.ToArray();
    private const int Version = 1;
    private const int MaxRunFileBytes = 64 << 20;

    public PartialFile(string runFile, int part, int parts, SimulationPartial partial)
    {
        RunFile = runFile;
        Part = part;
        Parts = parts;
        Partial = partial;
    }

    /// <summary>The run's model file (JSON) with scenarios and simulation options.</summary>
    public string RunFile { get; }

    /// <summary>Part k (from 1) of <see cref="Parts"/>.</summary>
    public int Part { get; }

    public int Parts { get; }

    public SimulationPartial Partial { get; }

    public void WriteTo(Stream stream)
    {
        var run = Encoding.UTF8.GetBytes(RunFile);
        Span<byte> header = stackalloc byte[20];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], Part);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], Parts);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], run.Length);
        stream.Write(header);
        stream.Write(run);
        stream.Write(SHA256.HashData(run));
        Partial.WriteTo(stream);
    }

    /// <summary>Reads a partial file; every way it can be wrong is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static PartialFile Read(string path)
    {
        var name = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{name}: cannot read the partial file: {e.Message}", e);
        }

        if (bytes.Length < 20 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{name}: not a lifetimevalue partial file (written by 'simulate --chunks k/n --partial {name}').");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (version != Version)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name}: partial file format version {version} is not supported (this tool reads version {Version})."));
        }

        var part = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var parts = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        if (length < 0 || length > MaxRunFileBytes || 20L + length + 32 > bytes.Length)
        {
            throw new InvalidDataException($"{name}: the partial file is truncated or corrupt (its run description does not fit in the file).");
        }

        var run = bytes.AsSpan(20, length);
        if (!SHA256.HashData(run).AsSpan().SequenceEqual(bytes.AsSpan(20 + length, 32)))
        {
            throw new InvalidDataException($"{name}: the partial file is corrupt: the checksum of its run description does not match.");
        }

        SimulationPartial partial;
        try
        {
            using var rest = new MemoryStream(bytes, 20 + length + 32, bytes.Length - (20 + length + 32), writable: false);
            partial = SimulationPartial.ReadFrom(rest);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }

        return new PartialFile(Encoding.UTF8.GetString(run), part, parts, partial);
    }

    /// <summary>The run description as a document.</summary>
    public ModelDocument Document(string name)
    {
        try
        {
            return ModelFile.Parse(RunFile, name);
        }
        catch (ModelFileException e)
        {
            throw new InvalidDataException($"{name}: the run description in the partial file is not a valid model file: {e.Message}", e);
        }
    }
}
