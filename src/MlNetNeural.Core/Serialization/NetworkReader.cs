using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MlNetNeural.Core.Serialization;

/// <summary>
/// Reads little-endian values from saved network data. Every read names what it reads, so a short or
/// corrupt file fails with an <see cref="InvalidNetworkFileException"/> that says where; array sizes are
/// checked against the bytes that remain before anything is allocated.
/// </summary>
internal ref struct NetworkReader(ReadOnlySpan<byte> data, int position)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position = position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _position == _data.Length;

    public byte ReadByte(string what) => Take(1, what)[0];

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public float ReadSingle(string what) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, what));

    /// <summary>Reads a count of at least 1 that must leave room for <paramref name="bytesPerItem"/> bytes per item.</summary>
    public int ReadCount(string what, int bytesPerItem)
    {
        int count = ReadInt32(what);
        if (count < 1 || count > Remaining / bytesPerItem)
            throw new InvalidNetworkFileException($"The network data is corrupt: the {what} is {count}, but only {Remaining} bytes remain.");
        return count;
    }

    /// <summary>Throws unless <paramref name="rows"/> × <paramref name="columns"/> floats (both at least 1) fit in what remains; no overflow for any sizes.</summary>
    public readonly void RequireFloats(int rows, int columns, string what)
    {
        long floatsLeft = Remaining / sizeof(float);
        if (rows < 1 || columns < 1 || rows > floatsLeft / columns)
            throw new InvalidNetworkFileException($"The network data is corrupt: the {what} are declared as {rows}×{columns} values, but only {Remaining} bytes remain.");
    }

    /// <summary>A string written as an int32 byte count and that many UTF-8 bytes.</summary>
    public string ReadString(string what)
    {
        int length = ReadInt32(what);
        if (length < 0 || length > Remaining)
            throw new InvalidNetworkFileException($"The data is corrupt: the {what} is declared as {length} bytes, but only {Remaining} remain.");
        return System.Text.Encoding.UTF8.GetString(Take(length, what));
    }

    /// <summary>The next <paramref name="count"/> bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count, string what) => Take(count, what);

    /// <summary>Fills <paramref name="destination"/> with floats.</summary>
    public void ReadSingles(Span<float> destination, string what) =>
        MemoryMarshal.Cast<byte, float>(Take(checked(destination.Length * sizeof(float)), what)).CopyTo(destination);

    /// <summary>Reads <paramref name="count"/> floats into a new array (the count is checked against the bytes left first).</summary>
    public float[] ReadSingles(int count, string what)
    {
        RequireFloats(count, 1, what);
        var values = new float[count];
        ReadSingles(values, what);
        return values;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
            throw new InvalidNetworkFileException($"The network data is truncated: it ends while reading the {what}.");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
