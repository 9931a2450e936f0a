using System.Buffers;
using System.Text;

namespace MlNetNeural.Models.Format;

/// <summary>
/// Reads the values of a model payload from a seekable stream that ends where the payload ends. Every count and length
/// is checked against the bytes that remain, and charged to the <see cref="ModelLoadBudget"/>, before anything is
/// allocated; a payload that ends early or holds invalid text fails with <see cref="ModelFileErrors.Corrupt"/> naming
/// what was being read.
/// </summary>
internal sealed class PayloadReader(Stream stream, ModelLoadBudget budget)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly BinaryReader _reader = new(stream, StrictUtf8, leaveOpen: true);

    /// <summary>The stream being read.</summary>
    public Stream Stream => stream;

    /// <summary>The budget reads are charged to.</summary>
    public ModelLoadBudget Budget => budget;

    /// <summary>Bytes left in the payload.</summary>
    public long Remaining => stream.Length - stream.Position;

    public byte ReadByte(string what) => Read(what, r => r.ReadByte());

    public ushort ReadUInt16(string what) => Read(what, r => r.ReadUInt16());

    public int ReadInt32(string what) => Read(what, r => r.ReadInt32());

    public float ReadSingle(string what) => Read(what, r => r.ReadSingle());

    public double ReadDouble(string what) => Read(what, r => r.ReadDouble());

    public bool ReadBoolean(string what) => ReadByte(what) switch
    {
        0 => false,
        1 => true,
        var other => throw ModelFileErrors.Corrupt($"the {what} holds {other} where a Boolean (0 or 1) is stored"),
    };

    /// <summary>A count of items of at least <paramref name="bytesPerItem"/> bytes each, at least 0, that fits in what remains.</summary>
    public int ReadCount(string what, int bytesPerItem)
    {
        int count = ReadInt32($"number of {what}");
        if (count < 0 || count > Remaining / bytesPerItem)
            throw ModelFileErrors.Corrupt($"it declares {count} {what}, but only {Remaining} bytes remain");
        return count;
    }

    /// <summary>A length-prefixed UTF-8 string (BinaryWriter's layout), its length checked and charged before it is read.</summary>
    public string ReadString(string what)
    {
        int length = Read(what, r => r.Read7BitEncodedInt());
        if (length < 0 || length > Remaining)
            throw ModelFileErrors.Corrupt($"the {what} is declared as {length} bytes, but only {Remaining} remain");
        budget.Charge(ModelLoadBudget.StringBytes(length), what);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Read(what, _ => { stream.ReadExactly(bytes, 0, length); return 0; });
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw ModelFileErrors.Corrupt($"the {what} is not valid UTF-8 text");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private T Read<T>(string what, Func<BinaryReader, T> read)
    {
        try
        {
            return read(_reader);
        }
        catch (EndOfStreamException)
        {
            throw ModelFileErrors.Truncated(what);
        }
        catch (FormatException)
        {
            throw ModelFileErrors.Corrupt($"the length of the {what} is not a valid number");
        }
    }
}
