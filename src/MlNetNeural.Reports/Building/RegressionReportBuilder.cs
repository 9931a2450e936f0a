using MlNetNeural.Reports.Data;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Building;

internal static class RegressionReportBuilder
{
    public static ReportContent Build(ReportInput input)
    {
        var (data, labelName, options) = (input.ScoredData, input.LabelColumnName, input.Options);
        var label = ScoredDataSchema.Require(data, labelName, "label", "labelColumnName");
        ScoredDataSchema.RequireType(label, "label", typeof(float));
        var score = ScoredDataSchema.Require(data, options.ScoreColumnName, "score", nameof(ReportOptions.ScoreColumnName));
        ScoredDataSchema.RequireType(score, "score", typeof(float));

        var m = input.MlContext.Regression.Evaluate(data, labelName, options.ScoreColumnName);
        var (actual, predicted) = ColumnValues.ReadPairs(data, label, score);
        if (actual.Length == 0)
            throw new InvalidOperationException($"The scored data has no row with both a label ('{labelName}') and a score ('{options.ScoreColumnName}'); nothing to evaluate.");

        var metrics = new ReportMetric[]
        {
            new("rmse", "RMSE", m.RootMeanSquaredError, "Root mean squared error, in the label's unit; penalises large errors most."),
            new("mae", "MAE", m.MeanAbsoluteError, "Mean absolute error, in the label's unit: the typical size of a miss."),
            new("mse", "MSE", m.MeanSquaredError, "Mean squared error (RMSE squared)."),
            new("r_squared", "R²", m.RSquared, "Share of the label's variance explained by the model; 1 is perfect, 0 is no better than predicting the mean."),
        };
        var plots = new List<ReportPlot>
        {
            SharedSections.Plot("predicted-vs-actual",
                "Each dot is one test row: true value (x) against prediction (y). Dots on the dashed y = x line are exact; a tilt away from it " +
                "shows systematic over- or under-prediction, a widening cloud shows errors growing with the value.",
                PredictedVsActualPlot.Create(actual, predicted, options.LabelDisplayName ?? labelName), options),
        };
        plots.AddRange(SharedSections.OptionalPlots(input));
        return new ReportContent(ReportKind.Regression, "Regression evaluation", metrics, [], null, plots, actual.Length);
    }
}
