using System.Globalization;

namespace LifetimeValue.Statistics;

/// <summary>Shared pieces of the little-endian binary formats of the mergeable partial results.</summary>
internal static class BinaryFormat
{
    /// <summary>Reads and checks the 4-byte magic and 1-byte version.</summary>
    public static void ReadHeader(BinaryReader reader, uint magic, string typeName, int version)
    {
        uint actual = reader.ReadUInt32();
        if (actual != magic)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Not a {typeName} record (magic 0x{actual:X8}, expected 0x{magic:X8})."));
        }

        int actualVersion = reader.ReadByte();
        if (actualVersion != version)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{typeName} record has format version {actualVersion}; this library reads version {version}."));
        }
    }

    /// <summary>
    /// On a seekable stream, throws <see cref="EndOfStreamException"/> before allocating for a record whose declared
    /// payload is longer than what is left (a corrupt length must not allocate gigabytes).
    /// </summary>
    public static void EnsureAvailable(BinaryReader reader, long bytes, string typeName)
    {
        var stream = reader.BaseStream;
        if (stream.CanSeek && stream.Length - stream.Position < bytes)
        {
            throw new EndOfStreamException(string.Create(CultureInfo.InvariantCulture,
                $"{typeName} record declares {bytes} bytes of data but only {stream.Length - stream.Position} remain."));
        }
    }

    /// <summary>Writes an <see cref="Int128"/> as its low then high 64 bits.</summary>
    public static void WriteInt128(BinaryWriter writer, Int128 value)
    {
        writer.Write((ulong)value);
        writer.Write((long)(value >> 64));
    }

    /// <summary>Reads an <see cref="Int128"/> written by <see cref="WriteInt128"/>.</summary>
    public static Int128 ReadInt128(BinaryReader reader)
    {
        ulong low = reader.ReadUInt64();
        long high = reader.ReadInt64();
        return new Int128((ulong)high, low);
    }
}
