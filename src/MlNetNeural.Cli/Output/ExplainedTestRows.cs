using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Cli.Commands;
using MlNetNeural.Explanations;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Tabular;
using MlNetNeural.Transformers;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// The report's explained decisions: for the first test rows, each feature slot's contribution to the MLP's output
/// (integrated gradients from the mean training row, <c>ml.Transforms.CalculateMlpFeatureContribution</c>, all kept and
/// not normalized, so a row's contributions add up to its output minus the mean row's), the principal reasons in the
/// direction of the decision, and a chart of the largest contributions.
/// </summary>
internal static class ExplainedTestRows
{
    /// <summary>How many test rows are explained (the first ones, in the order of the test rows).</summary>
    public const int Count = 3;

    /// <summary>The explained test rows.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="run">The training run (its featurized training rows give the baseline, the mean training row).</param>
    /// <param name="testFeatures">The featurized test rows.</param>
    /// <param name="mlp">The model's MLP.</param>
    /// <param name="slotNames">A name per feature slot.</param>
    public static IReadOnlyList<ExplainedCase> Create(MLContext ml, TrainRun run, IDataView testFeatures, MlpPredictionTransformer mlp, IReadOnlyList<string> slotNames)
    {
        var explainer = ml.Transforms.CalculateMlpFeatureContribution(mlp, MlpFeatureContributionOptions.AllUnnormalized())
            .Fit(mlp.Transform(run.Result.TrainingFeatures));
        var rows = ml.Data.TakeRows(testFeatures, Count);
        var explained = explainer.Transform(mlp.Transform(rows));
        float[][] contributions = Dense(explained, MlpFeatureContributionOptions.Defaults.OutputColumnName);
        float[][] values = Dense(explained, "Features");
        var label = run.Inference.Label;
        var decisions = Decisions(explained, label, explainer.BaselineOutputs[0]);
        string output = OutputName(label);
        return [.. Enumerable.Range(0, contributions.Length).Select(row => new ExplainedCase(
            $"Test row {row + 1} of {run.TestRowCount:N0}", decisions[row].Text,
            ReasonCodes.Top(contributions[row], values[row], slotNames, decisions[row].Sign))
        {
            Plot = ExplanationPlots.Contributions($"test-row-{row + 1}", $"Why test row {row + 1}: contributions to {output}",
                ReasonCodes.All(contributions[row], values[row], slotNames), output),
        })];
    }

    private static float[][] Dense(IDataView data, string column) =>
        [.. data.GetColumn<VBuffer<float>>(column).Select(row => row.DenseValues().ToArray())];

    private static string OutputName(LabelDecision label) => label.Task switch
    {
        TabularTask.BinaryClassification => $"the logit of '{label.PositiveClass}'",
        TabularTask.MulticlassClassification => "the logit of the predicted class",
        _ => $"the predicted {label.Name}",
    };

    // What each row's model decided, in words, and which contributions are its reasons: those toward the predicted class
    // (binary, multiclass) or toward the side of the mean row's prediction the row's prediction is on (regression).
    private static (string Text, ContributionSign Sign)[] Decisions(IDataView scored, LabelDecision label, float baselineOutput)
    {
        var text = new List<(string, ContributionSign)>();
        switch (label.Task)
        {
            case TabularTask.BinaryClassification:
                foreach (var (predicted, probability) in scored.GetColumn<bool>("PredictedLabel").Zip(scored.GetColumn<float>("Probability")))
                    text.Add(($"predicted '{(predicted ? label.PositiveClass : label.NegativeClass)}' (probability of '{label.PositiveClass}' {Invariant(probability, "0.000")}); " +
                              $"reasons: the features that pushed toward it most, against the mean training row",
                              predicted ? ContributionSign.Positive : ContributionSign.Negative));
                break;
            case TabularTask.MulticlassClassification:
                foreach (var (key, scores) in scored.GetColumn<uint>("PredictedLabel").Zip(scored.GetColumn<VBuffer<float>>("Score")))
                    text.Add(($"predicted '{label.Classes[(int)key - 1]}' (probability {Invariant(scores.DenseValues().Max(), "0.000")}); " +
                              "reasons: the features that pushed toward that class most, against the mean training row", ContributionSign.Positive));
                break;
            default:
                foreach (float score in scored.GetColumn<float>("Score"))
                    text.Add(($"predicted {label.Name} {Invariant(score, "G6")} ({(score >= baselineOutput ? "above" : "below")} the mean training row's " +
                              $"{Invariant(baselineOutput, "G6")}); reasons: the features that moved it there most",
                              score >= baselineOutput ? ContributionSign.Positive : ContributionSign.Negative));
                break;
        }
        return [.. text];
    }

    private static string Invariant(float value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
