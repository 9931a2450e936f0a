using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetNeural.Benchmarks.Tests;

/// <summary>Writes small unsigned-byte IDX files for the reader tests.</summary>
internal static class IdxWriter
{
    public static void Write(string path, int[] dimensions, byte[] values, byte typeCode = 0x08)
    {
        using var buffer = new MemoryStream();
        buffer.Write([0, 0, typeCode, (byte)dimensions.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (int dimension in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, dimension);
            buffer.Write(size);
        }
        buffer.Write(values);
        byte[] bytes = buffer.ToArray();
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }
}
