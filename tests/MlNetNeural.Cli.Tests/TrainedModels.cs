namespace MlNetNeural.Cli.Tests;

/// <summary>
/// Three models trained once for the tests that read the tool's output: binary (generated table, 20% test split),
/// regression (';'-separated file with decimal commas and a --test file), multiclass (penguins from data/).
/// </summary>
public sealed class TrainedModels : IDisposable
{
    private readonly TestFolder _folder = new();

    public TrainedModels()
    {
        BinaryData = _folder.Write("binary.csv", Tables.Binary());
        RegressionData = _folder.Write("houses.csv", Tables.Regression(160, seed: 1));
        RegressionTest = _folder.Write("houses-test.csv", Tables.Regression(40, seed: 2));
        BinaryDir = Train("--data", BinaryData, "--label", "outcome", "--out", _folder.File("binary"));
        RegressionDir = Train("--data", RegressionData, "--label", "price", "--test", RegressionTest, "--out", _folder.File("houses"));
        MulticlassDir = Train("--data", TestFolder.Data("tabular/penguins.csv"), "--label", "species", "--out", _folder.File("penguins"));
    }

    public string BinaryData { get; }
    public string RegressionData { get; }
    public string RegressionTest { get; }
    public string BinaryDir { get; }
    public string RegressionDir { get; }
    public string MulticlassDir { get; }
    public IEnumerable<string> Dirs => [BinaryDir, RegressionDir, MulticlassDir];

    /// <summary>A path in the fixture's folder, for tests that write files.</summary>
    public string File(string name) => _folder.File(name);

    private static string Train(params string[] args)
    {
        var run = CliRun.Of([ "train", .. args, "--trials", "3", "--seed", "1" ]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return args[Array.IndexOf(args, "--out") + 1];
    }

    public void Dispose() => _folder.Dispose();
}
