using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetNeural.Benchmarks.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format): a big-endian header of two zero bytes, a type
/// byte (0x08 = unsigned byte), a dimension count, one 32-bit size per dimension, then the values.
/// Files ending in <c>.gz</c> are decompressed on the fly.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an unsigned-byte IDX file with exactly <paramref name="expectedDimensions"/> dimensions.</summary>
    /// <param name="path">The .idx or .idx.gz file.</param>
    /// <param name="expectedDimensions">1 for label files, 3 for image files.</param>
    /// <returns>The sizes of each dimension and the values in row-major order.</returns>
    /// <exception cref="InvalidDataException">The header is not an unsigned-byte IDX header with the expected dimension count, or the file is shorter than its header says.</exception>
    public static (int[] Dimensions, byte[] Values) ReadBytes(string path, int expectedDimensions)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;

        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, path, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] != expectedDimensions)
            throw new InvalidDataException(
                $"'{path}' does not start with an unsigned-byte IDX header of {expectedDimensions} dimension(s): " +
                $"magic bytes are {Convert.ToHexString(magic)}, expected 0000{UnsignedByteType:X2}{expectedDimensions:X2}. " +
                "Is it the right file, and not truncated or renamed?");

        var dimensions = new int[expectedDimensions];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int d = 0; d < expectedDimensions; d++)
        {
            ReadExactly(stream, size, path, $"the size of dimension {d}");
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dimensions[d] <= 0)
                throw new InvalidDataException($"'{path}' declares dimension {d} of size {dimensions[d]}; sizes must be positive.");
            count *= dimensions[d];
        }
        if (count > Array.MaxLength)
            throw new InvalidDataException($"'{path}' declares {count} values, more than one array can hold.");

        var values = new byte[count];
        ReadExactly(stream, values, path, $"{count} values");
        return (dimensions, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' ended before {what} could be read; the file is truncated.", e);
        }
    }
}
