using MlNetNeural.Reports.Data;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Building;

internal static class MulticlassReportBuilder
{
    public static ReportContent Build(ReportInput input)
    {
        var (data, labelName, options) = (input.ScoredData, input.LabelColumnName, input.Options);
        var label = ScoredDataSchema.Require(data, labelName, "label", "labelColumnName");
        var score = ScoredDataSchema.Require(data, options.ScoreColumnName, "score", nameof(ReportOptions.ScoreColumnName));
        ScoredDataSchema.Require(data, options.PredictedLabelColumnName, "predicted label", nameof(ReportOptions.PredictedLabelColumnName));

        var m = input.MlContext.MulticlassClassification.Evaluate(data, labelName, options.ScoreColumnName, options.PredictedLabelColumnName);
        var classNames = ClassNames.Find(label, score, m.ConfusionMatrix.NumberOfClasses);
        var (confusion, perClass) = SharedSections.FromConfusionMatrix(m.ConfusionMatrix, classNames);

        var metrics = new ReportMetric[]
        {
            new("micro_accuracy", "Micro-accuracy", m.MicroAccuracy, "Share of all rows whose predicted class is correct."),
            new("macro_accuracy", "Macro-accuracy", m.MacroAccuracy, "Accuracy (recall) averaged over classes, each class weighted equally; low values reveal neglected small classes."),
            new("log_loss", "Log-loss", m.LogLoss, "Mean negative log-probability given to the true class; lower is better, 0 is perfect."),
            new("log_loss_reduction", "Log-loss reduction", m.LogLossReduction,
                "Improvement of log-loss over always predicting the class frequencies; 1 is perfect, 0 or less is no better than the prior."),
        };
        var plots = new List<ReportPlot>
        {
            SharedSections.Plot("confusion-matrix",
                "Confusion matrix: rows are actual classes, columns predicted classes. Cell colour is the share of the actual class " +
                "given that prediction (row-normalised), so the diagonal is each class's recall; off-diagonal dark cells show which classes are confused.",
                ConfusionMatrixPlot.Create(confusion, DecisionRule), options),
        };
        plots.AddRange(SharedSections.OptionalPlots(input));
        var rowCount = (int)perClass.Sum(c => c.Support);
        return new ReportContent(ReportKind.MulticlassClassification, "Multiclass classification evaluation", metrics, perClass, confusion, plots, rowCount,
            DecisionRule: DecisionRule);
    }

    private const string DecisionRule = "the class with the highest score";
}
