namespace MlNetNeural.Tabular.Tests;

/// <summary>Every bad-input case gets a <see cref="TabularDataException"/> that names the place and says what to do.</summary>
public class ErrorTests
{
    private static TableInference Infer(string text, string label, IReadOnlyDictionary<string, ColumnKind>? overrides = null) =>
        TableInference.Infer(CsvTable.Parse(text, source: "t.csv"), new InferenceOptions
        {
            LabelColumnName = label,
            ColumnOverrides = overrides ?? new Dictionary<string, ColumnKind>(),
        });

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var files = new TestFiles();
        string path = Path.Combine(files.Folder, "nope.csv");
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Read(path));
        Assert.Equal(TabularProblem.FileNotFound, error.Problem);
        Assert.Contains(path, error.Message);
        Assert.Contains("Check the path", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public void EmptyFileSaysSo(string text)
    {
        using var files = new TestFiles();
        string path = files.Write("empty.csv", text);
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Read(path));
        Assert.Equal(TabularProblem.EmptyFile, error.Problem);
        Assert.Contains("empty.csv is empty", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "byte 5 is 0", "an Excel workbook (.xlsx)")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, "its first bytes are a file signature no CSV text starts with", "Excel 97-2003 workbook (.xls)")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00 }, "byte 3 is 0", "name it with .gz at the end")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 }, "byte 7 is 0", "a binary file")]
    public void AFileThatIsNotTextIsNamedWithWhatItLooksLike(byte[] start, string why, string what)
    {
        // Read as text such files gave a ragged-row error about their first "line".
        using var files = new TestFiles();
        string path = files.Write("data.csv", "");
        File.WriteAllBytes(path, [.. start, .. "a,b\n1,2\n"u8.ToArray()]);
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Read(path));
        Assert.Equal(TabularProblem.NotText, error.Problem);
        Assert.Contains($"{path} is not a text file: {why}", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void TextInUtf16WithAByteOrderMarkIsNoBinaryFile()
    {
        using var files = new TestFiles();
        string path = files.Write("utf16.csv", "");
        File.WriteAllBytes(path, [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes("a,y\n1,p\n2,q\n")]);
        Assert.Equal(2, CsvTable.Read(path).RowCount);
    }

    [Fact]
    public void HeaderWithoutRowsIsAnEmptyFile()
    {
        using var files = new TestFiles();
        string path = files.Write("header.csv", "a,b,c\n");
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Read(path, CsvFormat.Default));
        Assert.Equal(TabularProblem.EmptyFile, error.Problem);
        Assert.Contains("no data rows", error.Message);
    }

    [Theory]
    [InlineData("a,b,c\n", ',')]
    [InlineData("a;b;c\n", ';')]
    [InlineData("a\tb\tc\n", '\t')]
    public void HeaderWithoutRowsListsTheNamesReadably(string text, char separator)
    {
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Parse(text, CsvFormat.Default with { Separator = separator }, "header.csv"));
        Assert.Contains("header.csv has a header (line 1: a, b, c) but no data rows", error.Message);
    }

    [Fact]
    public void HeaderWithoutRowsShowsTheFirstEightNames()
    {
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Parse("c1,c2,c3,c4,c5,c6,c7,c8,c9\n", CsvFormat.Default, "wide.csv"));
        Assert.Contains("(line 1: c1, c2, c3, c4, c5, c6, c7, c8, ...)", error.Message);
    }

    [Fact]
    public void LabelNotFoundListsTheColumnsAndANearMatch()
    {
        var error = Assert.Throws<TabularDataException>(() => Infer("Age,Income,Status\n1,2,a\n3,4,b\n", "status"));
        Assert.Equal(TabularProblem.LabelNotFound, error.Problem);
        Assert.Contains("'status'", error.Message);
        Assert.Contains("Age, Income, Status", error.Message);
        Assert.Contains("Did you mean 'Status'", error.Message);
    }

    [Theory]
    [InlineData("a,y\n1,yes\n2,yes\n3,yes\n", "only one value ('yes'", "or add rows of the other classes.")]
    [InlineData("a,y\n1,\n2,\n3,NA\n", "no value", "or fill in the labels.")]
    public void LabelWithOneValueIsRefused(string text, string expected, string remedy)
    {
        var error = Assert.Throws<TabularDataException>(() => Infer(text, "y"));
        Assert.Equal(TabularProblem.LabelHasOneValue, error.Problem);
        Assert.Contains(expected, error.Message);
        Assert.EndsWith("Choose another label column, " + remedy, error.Message);
    }

    [Fact]
    public void RaggedRowNamesTheLine()
    {
        using var files = new TestFiles();
        string path = files.Write("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n");
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Read(path));
        Assert.Equal(TabularProblem.RaggedRow, error.Problem);
        Assert.Equal(4, error.Row);
        Assert.Contains("line 4: 2 fields where the header has 3", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void UnclosedQuoteNamesWhereItStarts()
    {
        var error = Assert.Throws<TabularDataException>(() => CsvTable.Parse("a,b\n1,x\n2,\"open\n3,y\n", CsvFormat.Default));
        Assert.Equal(TabularProblem.UnclosedQuote, error.Problem);
        Assert.Equal(3, error.Row);
    }

    [Fact]
    public void NumericOverrideOnTextNamesLineColumnAndValue()
    {
        var error = Assert.Throws<TabularDataException>(() =>
            Infer("id,size,y\n1,10,a\n2,eleven,b\n3,12,a\n", "y", new Dictionary<string, ColumnKind> { ["size"] = ColumnKind.Numeric }));
        Assert.Equal(TabularProblem.UnreadableNumber, error.Problem);
        Assert.Equal(3, error.Row);
        Assert.Equal("size", error.Column);
        Assert.Equal("eleven", error.Value);
        Assert.Contains("t.csv, line 3, column 'size': 'eleven' is not a number", error.Message);
    }

    [Fact]
    public void NonNumberInANumericColumnOfANewFileIsNamed()
    {
        var inference = Infer("x,y\n1,a\n2,b\n3,a\n", "y");
        var test = CsvTable.Parse("x,y\n4,a\nfive,b\n", CsvFormat.Default, "test.csv");
        var error = Assert.Throws<TabularDataException>(() => TabularDataset.Create(inference, test));
        Assert.Equal(TabularProblem.UnreadableNumber, error.Problem);
        Assert.Contains("test.csv, line 3, column 'x': 'five'", error.Message);
        // The advice is what a file to score can follow: the model's decisions and missing tokens are fixed.
        Assert.EndsWith("Fix the value, or if the value is missing, leave the field empty (or write 'NA' or 'N/A' or 'n/a').", error.Message);
        Assert.DoesNotContain("override", error.Message);
    }

    [Fact]
    public void OverrideOfAnUnknownColumnListsTheColumns()
    {
        var error = Assert.Throws<TabularDataException>(() =>
            Infer("a,y\n1,p\n2,q\n", "y", new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Text }));
        Assert.Equal(TabularProblem.ColumnNotFound, error.Problem);
        Assert.Contains("The columns are: a, y", error.Message);
    }

    [Fact]
    public void BinaryTaskOnThreeClassesIsRefused()
    {
        var error = Assert.Throws<TabularDataException>(() => TableInference.Infer(CsvTable.Parse("a,y\n1,p\n2,q\n3,r\n"),
            new InferenceOptions { LabelColumnName = "y", Task = TabularTask.BinaryClassification }));
        Assert.Equal(TabularProblem.InvalidOption, error.Problem);
        Assert.Contains("exactly 2 label values", error.Message);
    }

    // 100 rows of a regression target (decimals), with the given labels put in at rows 7 and 60.
    private static string Regression(string seventh, string sixtieth = "")
    {
        var text = new System.Text.StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++)
        {
            string y = i == 7 ? seventh : i == 60 && sixtieth.Length > 0 ? sixtieth : (i * 0.37).ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append($"{i % 9},{y}\n");
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("abc", "", "'abc' is not a number, while 99 of the 100 labels are.")]
    [InlineData("-", "", "'-' is not a number, while 99 of the 100 labels are.")]
    [InlineData("1e39", "", "'1e39' is a number beyond single precision (±3.4e38)")]
    [InlineData("abc", "unknown", "while 98 of the 100 labels are (2 rows hold 2 such values)")]
    public void NumbersWithAStrayLabelAreRefusedNamingItsLine(string seventh, string sixtieth, string expected)
    {
        var error = Assert.Throws<TabularDataException>(() => Infer(Regression(seventh, sixtieth), "y"));
        Assert.Equal(TabularProblem.UnusableLabel, error.Problem);
        Assert.Contains("t.csv, line 9, label column 'y'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("write it as an empty field", error.Message);
    }

    [Fact]
    public void AStrayLabelIsAcceptedWhereItCannotBeANumber()
    {
        // Class codes with a class written as text are classes; as many text labels as 1 row in 20 are text, not typos;
        // a task set by the caller is the caller's.
        var codes = Infer("x,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i % 7},{(i % 10 == 0 ? "other" : (i % 3).ToString())}\n")), "y");
        Assert.Equal(TabularTask.MulticlassClassification, codes.Label.Task);
        Assert.Equal(["0", "1", "2", "other"], codes.Label.Classes);
        var words = Infer("x,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i % 7},{(i % 16 == 0 ? "many" : (i % 8 * 0.37).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n")), "y");
        Assert.Equal(TabularTask.MulticlassClassification, words.Label.Task);
        var set = TableInference.Infer(CsvTable.Parse(Regression("abc"), source: "t.csv"),
            new InferenceOptions { LabelColumnName = "y", Task = TabularTask.MulticlassClassification });
        Assert.Equal(100, set.Label.Classes!.Count);
    }

    [Fact]
    public void ALabelThatRowsHoldAloneIsRefused()
    {
        var names = "x,name\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 5},patient {i}\n"));
        var error = Assert.Throws<TabularDataException>(() => Infer(names, "name"));
        Assert.Equal(TabularProblem.UnusableLabel, error.Problem);
        Assert.Contains("the label column 'name' has 40 distinct values in 40 rows, and 100% of the rows hold a value no other row has", error.Message);
        Assert.Contains("Choose another label column", error.Message);
        // Half the rows in classes of their own is still refused; fewer, or a table too small to tell, is not.
        string Half(int rows, int singles) => "x,y\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i % 5},{(i < singles ? $"s{i}" : $"c{i % 3}")}\n"));
        Assert.Equal(TabularProblem.UnusableLabel, Assert.Throws<TabularDataException>(() => Infer(Half(40, 20), "y")).Problem);
        Assert.Equal(TabularTask.MulticlassClassification, Infer(Half(40, 19), "y").Label.Task);
        Assert.Equal(TabularTask.MulticlassClassification, Infer(Half(19, 19), "y").Label.Task);
    }

    [Fact]
    public void NothingToLearnFromIsRefused()
    {
        var error = Assert.Throws<TabularDataException>(() => Infer("c,y\n1,p\n1,q\n1,p\n", "y"));
        Assert.Equal(TabularProblem.NoFeatures, error.Problem);
        Assert.Contains("constant", error.Message);
    }

    [Theory]
    [InlineData("Zip:categorical", "Zip", ColumnKind.Categorical)]
    [InlineData("a:b:TEXT", "a:b", ColumnKind.Text)]
    public void OverridesParseFromText(string text, string name, ColumnKind kind)
    {
        var parsed = InferenceOptions.ParseOverride(text);
        Assert.Equal(name, parsed.Key);
        Assert.Equal(kind, parsed.Value);
    }

    [Theory]
    [InlineData("Zip")]
    [InlineData("Zip:number")]
    [InlineData("Zip:1")]
    public void MalformedOverridesAreRefused(string text)
    {
        var error = Assert.Throws<TabularDataException>(() => InferenceOptions.ParseOverride(text));
        Assert.Contains("NAME:KIND", error.Message);
    }
}
