using Microsoft.ML;
using MlNetNeural.Reports;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>The Reports library's report for a label's task, with the label's class names (binary: the positive class and the other).</summary>
internal static class TaskReport
{
    /// <summary>How the report names a binary label's true and false values: the positive class and the other one.</summary>
    public static (string Positive, string Negative) ClassNames(LabelDecision label) => label.Task == TabularTask.BinaryClassification
        ? (label.PositiveClass!, label.NegativeClass!)
        : ("true", "false");

    public static EvaluationReport Create(MLContext ml, LabelDecision label, IDataView scored, ModelCard card, PermutationImportance? importance = null,
        IReadOnlyList<ExplainedCase>? explainedCases = null)
    {
        var (positive, negative) = ClassNames(label);
        var options = new ReportOptions
        {
            PositiveClassName = positive,
            NegativeClassName = negative,
            LabelDisplayName = label.Name,
            FeatureImportance = importance,
            ExplainedCases = explainedCases ?? [],
        };
        return label.Task switch
        {
            TabularTask.BinaryClassification => EvaluationReport.ForBinary(ml, scored, "Label", card, options),
            TabularTask.MulticlassClassification => EvaluationReport.ForMulticlass(ml, scored, "Label", card, options),
            _ => EvaluationReport.ForRegression(ml, scored, "Label", card, options),
        };
    }
}
