using System.IO.Compression;
using System.Text;

namespace MlNetNeural.Tabular.Tests;

/// <summary>Text encodings: a byte order mark, else UTF-8 when valid, else Windows-1252 (Excel's "CSV" on Windows).</summary>
public class EncodingTests
{
    private const string Accented = "ville;température;classe\nOrléans;12,5;élevé\nBesançon;9,0;bas\nNîmes;21,5;élevé\n";

    private static string WriteBytes(TestFiles files, string name, byte[] bytes)
    {
        string path = Path.Combine(files.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertReadsAccents(CsvTable table)
    {
        Assert.Equal(["ville", "température", "classe"], table.Columns.Select(c => c.Name));
        Assert.Equal(["Orléans", "Besançon", "Nîmes"], Enumerable.Range(0, 3).Select(row => table.Columns[0][row]));
        Assert.Equal("élevé", table.Columns[2][0]);
    }

    [Fact]
    public void AWindows1252FileIsReadAsWindows1252AndSaysSo()
    {
        using var files = new TestFiles();
        string path = WriteBytes(files, "excel.csv", CsvEncoding.Windows1252.GetBytes(Accented));
        var table = CsvTable.Read(path);
        AssertReadsAccents(table);
        Assert.Equal(1252, table.Format.Encoding!.CodePage);
        Assert.EndsWith(", encoding Windows-1252", table.Format.ToString());
        // Windows-1252's 0x80 is the euro sign (Latin-1 would give a control character).
        Assert.Equal("€", CsvTable.Read(WriteBytes(files, "euro.csv", [.. "a,b\n"u8, 0x80, .. ",1\n"u8])).Columns[0][0]);
        // gzip is decompressed before the encoding is found.
        using (var gz = new GZipStream(File.Create(Path.Combine(files.Folder, "excel.csv.gz")), CompressionLevel.Fastest))
            gz.Write(CsvEncoding.Windows1252.GetBytes(Accented));
        AssertReadsAccents(CsvTable.Read(Path.Combine(files.Folder, "excel.csv.gz")));
        // A format given without an encoding still finds it, and the table says which it used.
        var given = CsvTable.Read(path, CsvFormat.Default with { Separator = ';', DecimalMark = ',' });
        AssertReadsAccents(given);
        Assert.Equal(1252, given.Format.Encoding!.CodePage);
    }

    [Fact]
    public void UnicodeFilesStayUnicodeWithOrWithoutAByteOrderMark()
    {
        using var files = new TestFiles();
        var plain = CsvTable.Read(WriteBytes(files, "utf8.csv", Encoding.UTF8.GetBytes(Accented)));
        AssertReadsAccents(plain);
        Assert.Equal(65001, plain.Format.Encoding!.CodePage);
        Assert.DoesNotContain("encoding", plain.Format.ToString());
        AssertReadsAccents(CsvTable.Read(WriteBytes(files, "bom.csv", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Accented)])));
        var utf16 = CsvTable.Read(WriteBytes(files, "utf16.csv", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Accented)]));
        AssertReadsAccents(utf16);
        Assert.Equal(1200, utf16.Format.Encoding!.CodePage);
    }

    [Fact]
    public void AValidCharacterCutByAReadBoundaryIsStillUtf8AndABrokenOneAnywhereIsNot()
    {
        using var files = new TestFiles();
        // 'é' (0xC3 0xA9) straddles the 64 KiB chunks the check reads: still valid UTF-8.
        string padding = "x,y\n" + string.Concat(Enumerable.Repeat("1,2\n", 16382)) + "ab,";
        Assert.Equal(65535, Encoding.UTF8.GetByteCount(padding));
        var straddling = CsvTable.Read(WriteBytes(files, "straddle.csv", Encoding.UTF8.GetBytes(padding + "é\n")));
        Assert.Equal(65001, straddling.Format.Encoding!.CodePage);
        Assert.Equal("é", straddling.Columns[1][straddling.RowCount - 1]);
        // One Windows-1252 byte far past the sniffer's first 500 lines still decides the whole file.
        var late = CsvTable.Read(WriteBytes(files, "late.csv", [.. Encoding.UTF8.GetBytes(padding), 0xE9, (byte)'\n']));
        Assert.Equal(1252, late.Format.Encoding!.CodePage);
        Assert.Equal("é", late.Columns[1][late.RowCount - 1]);
    }

    [Fact]
    public void AGivenEncodingIsUsedAsGiven()
    {
        using var files = new TestFiles();
        string path = WriteBytes(files, "latin1.csv", Encoding.Latin1.GetBytes(Accented));
        var format = CsvSniffer.Sniff(path) with { Encoding = Encoding.Latin1 };
        var table = CsvTable.Read(path, format);
        AssertReadsAccents(table);
        Assert.EndsWith(", encoding ISO-8859-1", table.Format.ToString());
    }
}
