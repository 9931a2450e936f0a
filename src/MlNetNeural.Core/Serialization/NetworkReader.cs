using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MlNetNeural.Core.Serialization;

/// <summary>
/// Reads little-endian values of saved network data from a stream, straight into their destination (weights are read
/// into the parameter arrays, never through a copy of the file). Every read names what it reads, so a short or corrupt
/// file fails with an <see cref="InvalidNetworkFileException"/> that says where; array sizes are checked against the
/// bytes that remain before anything is allocated (without overflow, whatever the sizes); and every number read is
/// finite, since no field of a valid network holds a NaN or an infinity.
/// </summary>
internal ref struct NetworkReader(Stream stream, long length)
{
    private readonly Stream _stream = stream;
    private readonly byte[] _scratch = new byte[sizeof(ulong)];
    private long _remaining = length;

    /// <summary>Bytes not read yet.</summary>
    public readonly long Remaining => _remaining;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _remaining == 0;

    public byte ReadByte(string what) => Take(1, what)[0];

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    /// <summary>Reads a finite float.</summary>
    public float ReadSingle(string what)
    {
        float value = BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));
        if (!float.IsFinite(value)) throw NonFinite(what, value, 0);
        return value;
    }

    /// <summary>Throws unless <paramref name="rows"/> × <paramref name="columns"/> floats (both at least 1) fit in what remains and in one array; no overflow for any sizes.</summary>
    public readonly void RequireFloats(int rows, int columns, string what)
    {
        long floatsLeft = Math.Min(_remaining / sizeof(float), Array.MaxLength);
        if (rows < 1 || columns < 1 || rows > floatsLeft / columns)
            throw new InvalidNetworkFileException($"The network data is corrupt: the {what} are declared as {rows}×{columns} values, but only {_remaining} bytes remain.");
    }

    /// <summary>A string written as an int32 byte count and that many UTF-8 bytes.</summary>
    public string ReadString(string what) => System.Text.Encoding.UTF8.GetString(ReadBytes(ReadInt32(what), what));

    /// <summary>Reads <paramref name="count"/> bytes into a new array (the count is checked against the bytes left first).</summary>
    public byte[] ReadBytes(int count, string what)
    {
        if (count < 0 || count > _remaining)
            throw new InvalidNetworkFileException($"The data is corrupt: the {what} is declared as {count} bytes, but only {_remaining} remain.");
        var bytes = new byte[count];
        ReadExactly(bytes, what);
        return bytes;
    }

    /// <summary>Fills <paramref name="destination"/> with finite floats read straight from the stream.</summary>
    public void ReadSingles(Span<float> destination, string what)
    {
        if (destination.IsEmpty) return; // a sparse layer pruned to no weight stores none
        RequireFloats(destination.Length, 1, what);
        var bytes = MemoryMarshal.AsBytes(destination);
        ReadExactly(bytes, what);
        if (!BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }
        int index = destination.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (index >= 0) throw NonFinite(what, destination[index], index);
    }

    /// <summary>Reads <paramref name="count"/> finite floats into a new array (the count is checked against the bytes left first).</summary>
    public float[] ReadSingles(int count, string what)
    {
        RequireFloats(count, 1, what);
        var values = new float[count];
        ReadSingles(values, what);
        return values;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        var bytes = _scratch.AsSpan(0, count);
        ReadExactly(bytes, what);
        return bytes;
    }

    private void ReadExactly(Span<byte> destination, string what)
    {
        if (destination.Length > _remaining)
            throw new InvalidNetworkFileException($"The network data is truncated: it ends while reading the {what}.");
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidNetworkFileException($"The network data is truncated: it ends while reading the {what}.");
        }
        _remaining -= destination.Length;
    }

    private static InvalidNetworkFileException NonFinite(string what, float value, int index) =>
        new($"The network data holds {value} at position {index} of the {what}; every weight and setting of a usable network is a finite number. " +
            "The model is unusable (training diverged before it was saved, or the file was altered): retrain it.");
}
