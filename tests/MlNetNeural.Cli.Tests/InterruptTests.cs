using System.Text;
using System.Text.Json;

namespace MlNetNeural.Cli.Tests;

/// <summary>Ctrl+C ends the search: the best candidate so far is fitted and all four files are written.</summary>
public class InterruptTests
{
    [Fact]
    public void StoppingAfterTheFirstTrialKeepsItsCandidateAndWritesEverything()
    {
        using var folder = new TestFolder();
        string data = folder.Write("binary.csv", Tables.Binary());
        using var stop = new CancellationTokenSource();
        // Ctrl+C as soon as the first trial's line is printed.
        var output = new Tripwire("trial   1  candidate   1", stop);
        var run = CliRun.Of(["train", "--data", data, "--label", "outcome", "--trials", "20", "--out", folder.File("out")], stop.Token, output);
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string file in new[] { "model.zip", "report.html", "metrics.json", "Program.cs" }) Assert.True(File.Exists(folder.File($"out/{file}")), file);
        var root = JsonDocument.Parse(File.ReadAllText(folder.File("out/metrics.json"))).RootElement;
        Assert.True(root.GetProperty("interrupted").GetBoolean());
        Assert.Equal(1, root.GetProperty("search").GetProperty("trials").GetInt32());
        Assert.Equal("Stopped", root.GetProperty("search").GetProperty("stoppedBy").GetString());
        Assert.True(root.GetProperty("chosen").GetProperty("defaults").GetBoolean());
        Assert.Contains("--trials 1 --seed 1", root.GetProperty("reproduce").GetString());
        Assert.Contains("Ctrl+C ended the search early", File.ReadAllText(folder.File("out/report.html")));
    }

    /// <summary>A console writer that signals a stop when a given text is written.</summary>
    private sealed class Tripwire(string text, CancellationTokenSource stop) : StringWriter
    {
        private readonly StringBuilder _line = new();

        public override void Write(char value)
        {
            base.Write(value);
            _line.Append(value);
            if (value == '\n') Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            _line.Append(value);
            Check();
        }

        private void Check()
        {
            if (_line.ToString().Contains(text)) stop.Cancel();
            if (_line.Length > 10_000) _line.Clear();
        }
    }
}
