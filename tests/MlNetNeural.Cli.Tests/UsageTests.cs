namespace MlNetNeural.Cli.Tests;

/// <summary>A wrong command line ends with exit code 2, the reason and the command's usage; help succeeds.</summary>
public class UsageTests
{
    [Theory]
    [InlineData("mlnn: 'fit' is not an mlnn command.", "fit")]
    [InlineData("'train' needs --label COLUMN", "train", "--data", "x.csv")]
    [InlineData("'train' has no option --lable. Did you mean --label?", "train", "--data", "x.csv", "--lable", "y")]
    [InlineData("The option --time needs a value.", "train", "--data", "x.csv", "--label", "y", "--time")]
    [InlineData("The option --time needs a number above 0 and below 31536000 (e.g. 60); 'soon' is not one.", "train", "--data", "x.csv", "--label", "y", "--time", "soon")]
    [InlineData("The option --time needs a number above 0 and below 31536000 (e.g. 60); '1e12' is not one.", "train", "--data", "x.csv", "--label", "y", "--time", "1e12")]
    [InlineData("The option --trials needs a whole number of at least 1; '0' is not one.", "train", "--data", "x.csv", "--label", "y", "--trials", "0")]
    [InlineData("Give --test FILE.csv or --test-fraction, not both.", "train", "--data", "x.csv", "--label", "y", "--test", "t.csv", "--test-fraction", "0.3")]
    [InlineData("The option --test-fraction needs a number above 0 and below 1", "train", "--data", "x.csv", "--label", "y", "--test-fraction", "1.5")]
    [InlineData("The column override 'zip' is not of the form NAME:KIND", "train", "--data", "x.csv", "--label", "y", "--column", "zip")]
    [InlineData("--task must be auto, binary, multiclass or regression; 'ranking' is none of them.", "train", "--data", "x.csv", "--label", "y", "--task", "ranking")]
    [InlineData("The option --seed is given twice.", "train", "--data", "x.csv", "--label", "y", "--seed", "1", "--seed", "2")]
    [InlineData("The option --ensemble needs a whole number of at least 1; '0' is not one.", "train", "--data", "x.csv", "--label", "y", "--ensemble", "0")]
    [InlineData("--column-selection must be on or off; 'maybe' is neither.", "train", "--data", "x.csv", "--label", "y", "--column-selection", "maybe")]
    [InlineData("--balance-classes must be on or off; 'yes' is neither.", "train", "--data", "x.csv", "--label", "y", "--balance-classes", "yes")]
    [InlineData("The option --text-bits needs a whole number of at least 1; '0' is not one.", "train", "--data", "x.csv", "--label", "y", "--text-bits", "0")]
    [InlineData("'predict' needs --out FILE.csv", "predict", "--model", "m.zip", "--data", "x.csv")]
    public void WrongCommandLinesExitWithTwoAndSayWhy(string expected, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Error);
        Assert.Contains("mlnn", run.Error[run.Error.IndexOf('\n')..]); // the usage follows the reason
    }

    [Fact]
    public void HelpListsTheCommandsAndEachCommandsOptions()
    {
        var general = CliRun.Of("--help");
        Assert.Equal(0, general.ExitCode);
        foreach (string command in new[] { "train", "evaluate", "predict", "export-onnx" }) Assert.Contains($"  {command} ", general.Output);
        var train = CliRun.Of("train", "--help");
        Assert.Equal(0, train.ExitCode);
        foreach (string option in new[] { "--data", "--label", "--task", "--time", "--trials", "--test", "--test-fraction", "--out", "--seed", "--column", "--ensemble", "--column-selection", "--positive-class", "--balance-classes", "--text-bits" })
            Assert.Contains($"  {option} ", train.Output);
        Assert.Equal(2, CliRun.Of().ExitCode);
    }
}
