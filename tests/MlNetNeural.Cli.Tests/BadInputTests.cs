using System.IO.Compression;

namespace MlNetNeural.Cli.Tests;

/// <summary>Each bad input ends with exit code 1 and one message on standard error that says what and where; nothing is written.</summary>
public class BadInputTests
{
    private static CliRun Train(TestFolder folder, string data, string label, params string[] more) =>
        CliRun.Of(["train", "--data", data, "--label", label, "--trials", "1", "--out", folder.File("out"), .. more]);

    private static void AssertBadInput(CliRun run, TestFolder folder, params string[] expected)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("mlnn: ", run.Error);
        foreach (string text in expected) Assert.Contains(text, run.Error);
        Assert.False(Directory.Exists(folder.File("out")), "nothing is written for bad input");
    }

    [Fact]
    public void MissingFile()
    {
        using var folder = new TestFolder();
        string path = folder.File("nope.csv");
        AssertBadInput(Train(folder, path, "y"), folder, $"The data file {path} does not exist", "Check the path");
    }

    [Fact]
    public void LabelNotFound()
    {
        using var folder = new TestFolder();
        string path = folder.Write("t.csv", "Age,Status\n30,good\n40,bad\n");
        AssertBadInput(Train(folder, path, "status"), folder, "the label column 'status' is not in the table", "Did you mean 'Status'?", "Age, Status");
    }

    [Fact]
    public void LabelWithOneValue()
    {
        using var folder = new TestFolder();
        string path = folder.Write("t.csv", "x,y\n1,yes\n2,yes\n3,\n");
        AssertBadInput(Train(folder, path, "y"), folder, "the label column 'y' has only one value ('yes', in all 2 rows that have one)", "nothing to learn");
    }

    [Fact]
    public void ANumericLabelWithATypoIsNamedInsteadOfBecomingClasses()
    {
        using var folder = new TestFolder();
        var text = new System.Text.StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) text.Append($"{i},{(i == 4 ? "12..5" : (i * 1.5 + 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture))}\n");
        string path = folder.Write("t.csv", text.ToString());
        AssertBadInput(Train(folder, path, "y"), folder, "t.csv, line 6, label column 'y': '12..5' is not a number, while 59 of the 60 labels are");
    }

    [Fact]
    public void ATestPartWithoutOneOfTheTwoClassesIsRefusedBeforeTheSearch()
    {
        using var folder = new TestFolder();
        string[] lines = Tables.Binary().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string data = folder.Write("t.csv", string.Join('\n', lines) + "\n");
        string onlyNo = folder.Write("no.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l => l.EndsWith(",no", StringComparison.Ordinal)))) + "\n");
        AssertBadInput(Train(folder, data, "outcome", "--test", onlyNo), folder, "no.csv, the test file, holds no row of the class 'yes', so AUC cannot be measured on it");
        // One "yes" row in the file: a 20% test part cannot hold it.
        string oneYes = folder.Write("one-yes.csv", string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l => l.EndsWith(",no", StringComparison.Ordinal)))
            .Append(lines.Skip(1).First(l => l.EndsWith(",yes", StringComparison.Ordinal)))) + "\n");
        AssertBadInput(Train(folder, oneYes, "outcome"), folder, "held out for testing holds no row of the class 'yes'", "2 or more are needed");
    }

    [Fact]
    public void ATruncatedGzipFileOrOneThatIsNotGzip()
    {
        using var folder = new TestFolder();
        string whole = folder.File("credit.csv.gz");
        using (var gzip = new GZipStream(File.Create(whole), CompressionLevel.Optimal)) gzip.Write(File.ReadAllBytes(TestFolder.Data("tabular/credit_data.csv")));
        string cut = folder.File("cut.csv.gz");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..^1000]); // before, most of its rows were read without a word
        AssertBadInput(Train(folder, cut, "Status"), folder, $"{cut} is truncated", "get it again");
        string plain = folder.Write("plain.csv.gz", "x,y\n1,a\n2,b\n");
        AssertBadInput(Train(folder, plain, "y"), folder, $"{plain} is not a gzip file");
    }

    [Fact]
    public void EmptyFile()
    {
        using var folder = new TestFolder();
        string path = folder.Write("empty.csv", "");
        AssertBadInput(Train(folder, path, "y"), folder, "empty.csv is empty");
        string header = folder.Write("header.csv", "x;y\n");
        AssertBadInput(Train(folder, header, "y"), folder, "header.csv has a header (line 1: x, y) but no data rows");
    }

    [Fact]
    public void RaggedRowNamesItsLine()
    {
        using var folder = new TestFolder();
        string path = folder.Write("ragged.csv", "x,z,y\n1,2,a\n3,4,b\n5,b\n7,8,a\n");
        AssertBadInput(Train(folder, path, "y"), folder, "ragged.csv, line 4: 2 fields where the header has 3");
    }

    [Fact]
    public void UnreadableNumberInAColumnDeclaredNumeric()
    {
        using var folder = new TestFolder();
        string path = folder.Write("t.csv", "size,y\n1,a\n2,b\neleven,a\n4,b\n");
        AssertBadInput(Train(folder, path, "y", "--column", "size:numeric"), folder, "line 4", "column 'size'", "'eleven' is not a number");
    }

    [Fact]
    public void UnreadableNumberInTheTestFileNamesFileLineAndColumn()
    {
        using var folder = new TestFolder();
        string train = folder.Write("train.csv", string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 9},{(i % 2 == 0 ? "a" : "b")}\n").Prepend("size,y\n")));
        string test = folder.Write("test.csv", "size,y\n1,a\n2.5,b\n3 kg,a\n");
        AssertBadInput(Train(folder, train, "y", "--test", test), folder, "test.csv, line 4, column 'size': '3 kg' is not a number");
    }

    [Fact]
    public void AnOutputFolderThatIsAFileIsRefusedBeforeTheSearch()
    {
        using var folder = new TestFolder();
        string data = folder.Write("t.csv", string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 9},{(i % 2 == 0 ? "a" : "b")}\n").Prepend("x,y\n")));
        string file = folder.Write("out", "not a folder");
        var run = Train(folder, data, "y");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"--out {file} is a file, not a folder", run.Error);
        Assert.DoesNotContain("Searching", run.Output); // refused before any training
        Assert.Equal("not a folder", File.ReadAllText(file));
        // A folder that cannot be made (a file stands where its parent should be): also before the search.
        var below = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--out", Path.Combine(file, "sub"));
        Assert.True(below.ExitCode == 1, below.ToString());
        Assert.Contains($"--out {Path.Combine(file, "sub")} cannot be made or written to (", below.Error);
        Assert.DoesNotContain("Searching", below.Output);
    }

    [Fact]
    public void AnOutputFileThatIsAFolderOrCannotBeMadeIsRefusedBeforeTheWork()
    {
        using var folder = new TestFolder();
        Directory.CreateDirectory(folder.File("p"));
        string blocker = folder.Write("blocker", "a file where a folder should be");
        string data = folder.Write("t.csv", "x,y\n1,a\n");
        string model = folder.File("model.zip"); // never read: the output paths are checked first
        foreach (var (command, option, example) in new[] { ("predict", "--out", "predictions.csv"), ("export-onnx", "--out", "model.onnx"), ("evaluate", "--report", "report.html") })
        {
            string[] inputs = command == "export-onnx" ? ["--model", model] : ["--model", model, "--data", data];
            var run = CliRun.Of([command, .. inputs, option, folder.File("p")]);
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal($"mlnn: {option} {folder.File("p")} is a folder, not a file. Give the file to write, e.g. {Path.Combine(folder.File("p"), example)}.", run.Error.Trim());
            var below = CliRun.Of([command, .. inputs, option, Path.Combine(blocker, "x")]);
            Assert.True(below.ExitCode == 1, below.ToString());
            Assert.Contains($"mlnn: {option} {Path.Combine(blocker, "x")}: its folder {blocker} cannot be made or written to (", below.Error);
        }
    }

    [Fact]
    public void AModelThatIsNotThere()
    {
        using var folder = new TestFolder();
        string data = folder.Write("t.csv", "x,y\n1,a\n");
        var run = CliRun.Of("predict", "--model", folder.File("model.zip"), "--data", data, "--out", folder.File("p.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"The model file {folder.File("model.zip")} does not exist", run.Error);
    }
}
