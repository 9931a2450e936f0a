using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Cli.Display;
using MlNetNeural.Cli.Output;
using MlNetNeural.Reports;
using MlNetNeural.Tabular;
using Spectre.Console;

namespace MlNetNeural.Cli.Commands;

/// <summary><c>mlnn evaluate</c>: a saved model's metrics on a labelled CSV (ML.NET's evaluators), optionally as an HTML report.</summary>
internal sealed class EvaluateCommand : ICliCommand
{
    public string Name => "evaluate";

    public string Summary => "a saved model's metrics on a labelled CSV with the training columns";

    public string Usage =>
        "mlnn evaluate --model DIR/model.zip --data FILE.csv [--report FILE.html]\n" +
        "  Reads FILE.csv with the model's column decisions (it needs the label and every column the model uses), scores it\n" +
        "  and prints ML.NET's metrics; --report also writes an HTML report with charts.";

    public int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var parsed = ParsedArguments.Parse(Name, args, new HashSet<string> { "--model", "--data", "--report" });
        string modelPath = parsed.Required("--model", "DIR/model.zip (written by mlnn train)");
        string dataPath = parsed.Required("--data", "FILE.csv (labelled rows with the training columns)");
        string? reportPath = parsed.Optional("--report");
        if (reportPath is not null) OutputPaths.CheckFile("--report", reportPath, "report.html");
        var ml = new MLContext(seed: 1);
        var model = TabularModel.Load(ml, modelPath);
        var file = CsvTable.Read(dataPath);
        var data = model.Read(file, requireLabel: true);
        if (data.RowCount == 0)
            throw new CliInputException($"{dataPath} has no row with a label '{model.Decisions.Label.Name}': there is nothing to evaluate.");
        var scored = ml.Data.Cache(model.ScoreWithLabel(ml, data.ToDataView())); // read by the metrics, the notes and the report

        // AUC and the other binary metrics need both classes; a file of one class still has an accuracy (the share of its rows
        // predicted as that class, e.g. the frauds caught among known frauds).
        string? onlyClass = data.RarerBinaryClass([.. Enumerable.Range(0, data.RowCount)]) is (var absent, 0)
            ? model.Decisions.Label.Classes.Single(c => c != absent) : null;
        environment.Line($"{dataPath}: {data.RowCount:N0} rows with a label '{model.Decisions.Label.Name}'{Unlabelled(file, model.Decisions.Label.Name, data.RowCount)}.");
        ShowMetrics(environment, ml, model.Task, scored, onlyClass);
        var unfamiliar = UnfamiliarValueNotes.Write(environment, model.Decisions, scored);
        if (reportPath is null) return ExitCodes.Success;
        if (onlyClass is not null)
            throw new CliInputException($"No report written to {reportPath}: its charts (ROC and precision-recall curves, calibration) need rows of both classes, and {dataPath} holds only '{onlyClass}'.");
        WriteReport(ml, model, scored, data.RowCount, unfamiliar, modelPath, dataPath, reportPath);
        environment.Line($"Wrote {reportPath}.");
        return ExitCodes.Success;
    }

    /// <summary>The metrics table, or the accuracy alone with a NOTE when every labelled row is of <paramref name="onlyClass"/>.</summary>
    private static void ShowMetrics(CliEnvironment environment, MLContext ml, TabularTask task, IDataView scored, string? onlyClass)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("metric", "value");
        foreach (var (name, value) in onlyClass is null ? Metrics(ml, task, scored) : [("accuracy", OneClassAccuracy(scored))])
            table.AddRow(name, double.IsFinite(value) ? TrialText.Significant(value) : "undefined");
        environment.Console.Write(table);
        if (onlyClass is not null)
            environment.Line($"NOTE every labelled row is of the class '{onlyClass}': AUC, F1, precision, recall of the other class and log-loss need rows of both classes, so only the accuracy is shown.");
    }

    /// <summary>The HTML report of the scored rows, its notes naming the unfamiliar values found.</summary>
    private static void WriteReport(MLContext ml, TabularModel model, IDataView scored, int rows, IReadOnlyList<UnfamiliarValues> unfamiliar,
        string modelPath, string dataPath, string reportPath)
    {
        var label = model.Decisions.Label;
        var card = new ModelCard
        {
            Title = $"{Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}: {label.Name}", TestRowCount = rows,
            EvaluationNotes = [.. unfamiliar.Select(u => new NamedValue($"Unfamiliar values in {u.Column}", u.Description))],
        };
        TaskReport.Create(ml, label, scored, card).WriteHtml(reportPath);
    }

    // The rows left out for want of a label, with the first one's line, so that a reader can find them.
    private static string Unlabelled(CsvTable table, string label, int labelled)
    {
        int left = table.RowCount - labelled;
        if (left == 0) return "";
        var column = table.Get(label);
        int first = Enumerable.Range(0, table.RowCount).First(row => column[row] is null);
        return $" ({left:N0} {(left == 1 ? "row" : "rows")} without one left out, the first on line {table.LineOf(first)})";
    }

    /// <summary>The share of rows whose predicted class is their label.</summary>
    private static double OneClassAccuracy(IDataView scored)
    {
        var labels = scored.GetColumn<bool>("Label").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        return labels.Zip(predicted).Count(pair => pair.First == pair.Second) / (double)labels.Length;
    }

    private static IEnumerable<(string Name, double Value)> Metrics(MLContext ml, TabularTask task, IDataView scored)
    {
        switch (task)
        {
            case TabularTask.BinaryClassification:
                var b = ml.BinaryClassification.Evaluate(scored);
                return [("AUC", b.AreaUnderRocCurve), ("area under the precision-recall curve", b.AreaUnderPrecisionRecallCurve), ("accuracy", b.Accuracy),
                    ("F1", b.F1Score), ("precision (positive class)", b.PositivePrecision), ("recall (positive class)", b.PositiveRecall), ("log-loss", b.LogLoss)];
            case TabularTask.MulticlassClassification:
                var m = ml.MulticlassClassification.Evaluate(scored);
                return [("macro accuracy", m.MacroAccuracy), ("micro accuracy", m.MicroAccuracy), ("log-loss", m.LogLoss), ("log-loss reduction", m.LogLossReduction)];
            default:
                var r = ml.Regression.Evaluate(scored);
                return [("RMSE", r.RootMeanSquaredError), ("MAE", r.MeanAbsoluteError), ("R²", r.RSquared)];
        }
    }
}
