using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MlNetNeural.Tabular.Tests;

/// <summary>
/// gzip files are checked whole (every member ends with the CRC-32 and length of its data), and a file that can be read only
/// once (a pipe) is read once for every pass (encoding, sniffing, reading).
/// </summary>
public class GzipAndPipeTests
{
    private const int Rows = 6000;

    // Numbers that do not repeat much, so the compressed data spans several of DeflateStream's reads.
    private static string Table(int firstRow, int rows, bool header)
    {
        var random = new Random(firstRow);
        var text = new StringBuilder(header ? "id,x,y\n" : "");
        for (int i = firstRow; i < firstRow + rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{random.NextDouble():F6},{(random.Next(2) == 0 ? "a" : "b")}\n");
        }
        return text.ToString();
    }

    private static byte[] Compress(string text)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return memory.ToArray();
    }

    private static string Write(TestFiles files, string name, byte[] bytes)
    {
        string path = Path.Combine(files.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Every public way to read a file reads it through the same check.
    private static void AssertEveryReadRefuses(string path, string expected)
    {
        Action[] reads = [() => CsvTable.Read(path), () => CsvTable.Read(path, CsvFormat.Default), () => CsvSniffer.Sniff(path), () => CsvEncoding.Detect(path)];
        foreach (var read in reads)
        {
            var error = Assert.Throws<TabularDataException>(read);
            Assert.Equal(TabularProblem.UnreadableGzip, error.Problem);
            Assert.Equal(path, error.FilePath);
            Assert.StartsWith($"{path} {expected}", error.Message);
        }
    }

    [Theory]
    [InlineData(5)]      // in the fixed header
    [InlineData(12)]     // just after it
    [InlineData(15000)]  // in the middle of the compressed data
    [InlineData(-9)]     // the compressed data's last byte
    [InlineData(-8)]     // the whole trailer
    [InlineData(-4)]     // the length
    [InlineData(-1)]     // the trailer's last byte
    public void ATruncatedGzipFileIsRefusedWhereverItIsCut(int keep)
    {
        using var files = new TestFiles();
        byte[] whole = Compress(Table(1, Rows, header: true));
        Assert.True(whole.Length > 30000, $"{whole.Length} compressed bytes");
        string path = Write(files, "cut.csv.gz", whole[..(keep > 0 ? keep : whole.Length + keep)]);
        AssertEveryReadRefuses(path, "is truncated");
    }

    [Fact]
    public void AWholeGzipFileIsReadToItsLastField()
    {
        using var files = new TestFiles();
        string text = Table(1, Rows, header: true);
        var table = CsvTable.Read(Write(files, "whole.csv.gz", Compress(text)));
        Assert.Equal(Rows, table.RowCount);
        Assert.Equal(text.Split('\n')[^2].Split(',')[^1], table.Get("y")[Rows - 1]);
    }

    [Fact]
    public void ConcatenatedGzipFilesAreReadWhole()
    {
        // cat part1.csv.gz part2.csv.gz part3.csv.gz > all.csv.gz: each part a member with its own trailer.
        using var files = new TestFiles();
        byte[] all = [.. Compress(Table(1, 1000, header: true)), .. Compress(Table(1001, 2000, header: false)), .. Compress(Table(3001, 5, header: false))];
        var table = CsvTable.Read(Write(files, "all.csv.gz", all));
        Assert.Equal(3005, table.RowCount);
        Assert.Equal(Enumerable.Range(1, 3005).Select(i => i.ToString(CultureInfo.InvariantCulture)), table.Get("id").Values);
        // A later member cut short is as truncated as a first one.
        AssertEveryReadRefuses(Write(files, "all-cut.csv.gz", all[..^3]), "is truncated");
    }

    [Fact]
    public void OptionalHeaderFieldsAreSkipped()
    {
        // gzip writes the file's name (FNAME); others add an extra field, a comment and a header CRC.
        using var files = new TestFiles();
        byte[] plain = Compress(Table(1, 100, header: true));
        byte[] extra = [3, 0, .. "abc"u8], name = [.. "t.csv"u8, 0], comment = [.. "made by a test"u8, 0];
        byte[] header = [.. plain[..3], 2 | 4 | 8 | 16, .. plain[4..10], .. extra, .. name, .. comment];
        uint crc = Models.Format.Crc32.Finish(Models.Format.Crc32.Append(Models.Format.Crc32.Initial, header));
        byte[] member = [.. header, (byte)crc, (byte)(crc >> 8), .. plain[10..]];
        Assert.Equal(100, CsvTable.Read(Write(files, "fields.csv.gz", member)).RowCount);
        AssertEveryReadRefuses(Write(files, "fields-cut.csv.gz", member[..(header.Length - 3)]), "is truncated");
    }

    [Fact]
    public void AFileNamedGzThatIsNotGzipSaysSo()
    {
        using var files = new TestFiles();
        string path = Write(files, "plain.csv.gz", Encoding.UTF8.GetBytes(Table(1, 10, header: true)));
        AssertEveryReadRefuses(path, "is not a gzip file, though its name ends in .gz");
    }

    [Fact]
    public void BytesAfterTheGzipDataAreRefused()
    {
        using var files = new TestFiles();
        byte[] gzip = Compress(Table(1, 10, header: true));
        AssertEveryReadRefuses(Write(files, "tail.csv.gz", [.. gzip, .. "more rows\n"u8]), $"has 10 bytes after the end of its gzip data (from byte {gzip.Length:N0})");
    }

    [Theory]
    [InlineData(-8)]  // the CRC-32
    [InlineData(-2)]  // the length
    public void AGzipFileWithAWrongTrailerIsDamaged(int at)
    {
        using var files = new TestFiles();
        byte[] gzip = Compress(Table(1, Rows, header: true));
        gzip[^-at] ^= 0x55;
        AssertEveryReadRefuses(Write(files, "crc.csv.gz", gzip), "is damaged: its gzip data from byte 0 does not end with the CRC-32 and length of the data it holds");
    }

    [Fact]
    public void InvalidCompressedDataIsDamaged()
    {
        using var files = new TestFiles();
        byte[] gzip = Compress(Table(1, 10, header: true));
        gzip[10] = 0xFF; // a final block of the reserved type 3
        AssertEveryReadRefuses(Write(files, "bad.csv.gz", gzip), "is damaged: its gzip data from byte 0 is not valid compressed data");
    }

    [Fact]
    public void APipeIsReadOnceForEveryPass()
    {
        if (!OperatingSystem.IsLinux()) return;
        // ';'-separated, decimal commas, Windows-1252: the encoding, the format and the rows all come from the one read.
        const string text = "ville;température;classe\nOrléans;12,5;élevé\nBesançon;9,0;bas\nNîmes;21,5;élevé\n";
        using var pipe = new TextPipe(CsvEncoding.Windows1252.GetBytes(text));
        var table = CsvTable.Read(pipe.Path);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(';', table.Format.Separator);
        Assert.Equal(',', table.Format.DecimalMark);
        Assert.Equal(1252, table.Format.Encoding!.CodePage);
        Assert.Equal(["Orléans", "Besançon", "Nîmes"], table.Get("ville").Values);
    }
}
