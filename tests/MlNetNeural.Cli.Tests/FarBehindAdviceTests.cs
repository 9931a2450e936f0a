using System.Text;
using MlNetNeural.Cli.Commands;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Tests;

/// <summary>What the run says when LightGbm leads far: the causes that fit the table.</summary>
public class FarBehindAdviceTests
{
    private static LabelDecision Label(int rareRows)
    {
        // 300 rows of classes a and b, and class c in rareRows rows.
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 300 + rareRows; i++) text.Append(i % 17).Append(',').Append(i >= 300 ? "c" : i % 2 == 0 ? "a" : "b").Append('\n');
        return TableInference.Infer(CsvTable.Parse(text.ToString()), new InferenceOptions { LabelColumnName = "y" }).Label;
    }

    [Fact]
    public void ClassesOfAFewRowsAreNamedAsACauseBeforeTheColumns()
    {
        string advice = TrainRun.FarBehindAdvice(Label(rareRows: 8), featureColumns: 9, trainingRows: 32_000);
        Assert.StartsWith("The label has classes with very few rows ('c'): trees isolate a handful of rows", advice);
        Assert.Contains("Also: an MLP does not ignore uninformative columns as readily as trees do (9 feature columns, 32,000 training rows here)", advice);
    }

    [Fact]
    public void WithoutRareClassesOnlyTheColumnsAreNamed()
    {
        string advice = TrainRun.FarBehindAdvice(Label(rareRows: 40), featureColumns: 600, trainingRows: 400);
        Assert.StartsWith("An MLP does not ignore uninformative columns", advice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("very few rows", advice);
    }
}

/// <summary>The line on repeating a model: exact, or why not and the closest command.</summary>
public class RepeatLineTests
{
    [Fact]
    public void ADefaultsFitCutByTheBudgetIsSaidNotToRepeatExactly()
    {
        Assert.Equal("To repeat this model exactly: mlnn train --trials 3", TrainRun.RepeatLine("mlnn train --trials 3", TrainRun.NotRepeatable(null)));
        Assert.Equal("This model cannot be repeated exactly from the command line (the time budget cut the defaults to 28 epochs, and --trials " +
            "trains them in full); the closest: mlnn train --trials 1", TrainRun.RepeatLine("mlnn train --trials 1", TrainRun.NotRepeatable(28)));
    }
}
