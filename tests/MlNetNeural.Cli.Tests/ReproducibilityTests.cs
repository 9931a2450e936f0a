using System.Text.Json;

namespace MlNetNeural.Cli.Tests;

/// <summary>Same data, seed and --trials: the same trials and the same model (identical predictions); another seed searches differently.</summary>
public class ReproducibilityTests
{
    [Fact]
    public void TheSameSeedAndTrialCountGiveTheSameModel()
    {
        using var folder = new TestFolder();
        string data = folder.Write("binary.csv", Tables.Binary(rows: 200, seed: 9));
        string Train(string name, string seed)
        {
            var run = CliRun.Of("train", "--data", data, "--label", "outcome", "--trials", "5", "--seed", seed, "--out", folder.File(name));
            Assert.True(run.ExitCode == 0, run.ToString());
            var predict = CliRun.Of("predict", "--model", folder.File($"{name}/model.zip"), "--data", data, "--out", folder.File($"{name}.csv"));
            Assert.True(predict.ExitCode == 0, predict.ToString());
            return folder.File(name);
        }
        string a = Train("a", "7"), b = Train("b", "7"), c = Train("c", "8");

        Assert.Equal(File.ReadAllBytes(a + ".csv"), File.ReadAllBytes(b + ".csv"));
        Assert.Equal(Chosen(a), Chosen(b));
        Assert.Equal(Metric(a), Metric(b));
        Assert.NotEqual(File.ReadAllBytes(a + ".csv"), File.ReadAllBytes(c + ".csv"));
    }

    private static string Chosen(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json"))).RootElement.GetProperty("chosen").GetRawText();

    private static double Metric(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metrics.json"))).RootElement.GetProperty("mlp").GetDouble();
}
