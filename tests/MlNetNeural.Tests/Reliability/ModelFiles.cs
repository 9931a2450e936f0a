using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MlNetNeural.Tests.Reliability;

/// <summary>Finds and rewrites the MlNetNeural payload inside a saved ML.NET model zip, to test what loading does with damaged or crafted files.</summary>
public static class ModelFiles
{
    private static readonly byte[] TypeKeyStart = Encoding.UTF8.GetBytes("MlNetNeural.Transformers.");

    /// <summary>The zip entry that holds an MLP transformer, and where its envelope's length field and payload lie in it.</summary>
    /// <param name="Name">The entry's name in the zip.</param>
    /// <param name="Bytes">The entry's uncompressed bytes.</param>
    /// <param name="LengthFieldOffset">Offset of the int32 payload length.</param>
    /// <param name="PayloadOffset">Offset of the payload.</param>
    /// <param name="PayloadLength">Bytes of the payload.</param>
    public sealed record MlpEntry(string Name, byte[] Bytes, int LengthFieldOffset, int PayloadOffset, int PayloadLength);

    public static MlpEntry FindMlp(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries)
        {
            byte[] bytes = Read(entry);
            int name = bytes.AsSpan().IndexOf(TypeKeyStart);
            if (name < 1) continue;
            int keyLength = bytes[name - 1];
            int lengthField = name + keyLength + sizeof(uint);
            int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(lengthField));
            return new MlpEntry(entry.FullName, bytes, lengthField, lengthField + sizeof(int), payloadLength);
        }
        throw new InvalidOperationException($"{zipPath} holds no MlNetNeural transformer.");
    }

    /// <summary>Every entry of the zip with its bytes, in order.</summary>
    public static List<(string Name, byte[] Bytes)> Entries(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.Select(e => (e.FullName, Read(e))).ToList();
    }

    /// <summary>Writes a zip with these entries (as ML.NET would read them).</summary>
    public static void WriteZip(string zipPath, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var file = File.Create(zipPath);
        WriteZip(file, entries);
    }

    /// <summary>Writes a zip with these entries to <paramref name="destination"/>, which stays open.</summary>
    public static void WriteZip(Stream destination, IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in entries)
        {
            using var stream = zip.CreateEntry(name, level).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> with one entry's bytes replaced.</summary>
    public static void WithEntry(string source, string destination, string entryName, byte[] bytes) =>
        WriteZip(destination, Entries(source).Select(e => e.Name == entryName ? (e.Name, bytes) : e));

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
