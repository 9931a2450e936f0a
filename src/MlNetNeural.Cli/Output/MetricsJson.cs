using System.Text.Json;
using MlNetNeural.Cli.Commands;
using MlNetNeural.Cli.Display;
using MlNetNeural.Core.IO;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// metrics.json: <c>task</c>, <c>label</c>, <c>metric</c> (AUC, MacroAccuracy or RMSE), <c>mlp</c> and <c>lightgbm</c> (the metric
/// on the test rows; null when LightGbm failed), <c>rows</c> and <c>columns</c> (of the data file), <c>seconds</c> (the run up
/// to the test results), then details: the comparison, the rows used, the search, the chosen candidate, the ensemble the final fit made
/// (<c>requested</c>, <c>size</c> planned, <c>members</c> averaged, <c>shortfall</c>: why fewer than requested), and the command that repeats it.
/// </summary>
internal static class MetricsJson
{
    public static void Write(string path, TrainRun run) => AtomicFile.Write(path, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var search = run.Result.Search;
        var chosen = run.Result.Chosen;
        json.WriteStartObject();
        json.WriteString("task", TrainSettings.TaskWord(run.Inference.Label.Task));
        json.WriteString("label", run.Inference.Label.Name);
        json.WriteString("metric", run.Metric.Name);
        Number(json, "mlp", run.MlpMetric);
        Number(json, "lightgbm", run.LightGbm.Metric);
        json.WriteNumber("rows", run.Inference.Table.RowCount);
        json.WriteNumber("columns", run.Inference.Table.Columns.Count);
        json.WriteNumber("seconds", Math.Round(run.Seconds, 2));

        json.WriteBoolean("higherIsBetter", run.Metric.HigherIsBetter);
        Number(json, "gain", run.LightGbm.Metric is { } reference ? run.Metric.Gain(run.MlpMetric, reference) : null);
        if (run.LightGbm.Problem is { } problem) json.WriteString("lightgbmProblem", problem);
        json.WriteString("data", run.Settings.DataPath);
        json.WriteString("test", run.TestDescription);
        json.WriteNumber("trainRows", run.TrainRowCount);
        json.WriteNumber("testRows", run.TestRowCount);
        json.WriteNumber("seed", run.Settings.Seed);

        json.WriteStartObject("search");
        json.WriteNumber("trials", search.Trials.Count);
        json.WriteNumber("completedTrials", search.Trials.Count(t => t.Outcome == MlpTrialOutcome.Completed));
        json.WriteNumber("seconds", Math.Round(search.Seconds, 2));
        json.WriteString("stoppedBy", search.StoppedBy.ToString());
        json.WriteNumber("reservedSeconds", Math.Round(search.ReservedSeconds, 2));
        json.WriteString("validation", search.Validation);
        json.WriteStartArray("rungEpochs");
        foreach (int epochs in search.RungEpochs) json.WriteNumberValue(epochs);
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("chosen");
        json.WriteNumber("trial", chosen.Number);
        json.WriteBoolean("defaults", chosen.Candidate.IsDefaults);
        json.WriteString("candidate", chosen.Candidate.ToString());
        json.WriteStartArray("hiddenLayers");
        foreach (int units in chosen.Candidate.HiddenLayers) json.WriteNumberValue(units);
        json.WriteEndArray();
        json.WriteNumber("dropout", chosen.Candidate.Dropout);
        json.WriteNumber("learningRate", chosen.Candidate.LearningRate);
        if (chosen.Candidate.WeightDecay is { } decay) json.WriteNumber("weightDecay", decay);   // float: written as set (0.001, not 0.0010000000474974513)
        else json.WriteNull("weightDecay");
        json.WriteNumber("batchSize", chosen.Candidate.BatchSize);
        if (chosen.Candidate.PeriodicEmbeddings is { } periodic) json.WriteBoolean("periodicEmbeddings", periodic);
        else json.WriteString("periodicEmbeddings", "automatic");
        if (chosen.Candidate.EmbeddingLearningRateFactor is { } factor) json.WriteNumber("embeddingLearningRateFactor", factor);
        else json.WriteNull("embeddingLearningRateFactor");   // the trainer's default
        json.WriteString("schedule", chosen.Candidate.Schedule.ToString());
        json.WriteBoolean("balancedClasses", chosen.Candidate.BalanceClasses);
        json.WriteStartArray("featureColumns");   // the columns the model reads (all the inference kept, unless the candidate selects the most informative)
        foreach (var column in run.Result.Model.Decisions.Features) json.WriteStringValue(column.Name);
        json.WriteEndArray();
        json.WriteNumber("epochs", chosen.Epochs);
        Number(json, "validationMetric", chosen.Metric);
        Number(json, "validationStandardError", chosen.StandardError);
        json.WriteEndObject();

        json.WriteStartObject("ensemble");
        json.WriteNumber("size", run.Result.EnsembleSize);
        json.WriteNumber("requested", run.Settings.EnsembleSize);
        json.WriteNumber("members", run.Result.EnsembleMembers);
        if (TrialText.EnsembleShortfall(run.Result, run.Settings.EnsembleSize) is { } why) json.WriteString("shortfall", why);   // the console's words
        else json.WriteNull("shortfall");
        json.WriteEndObject();

        json.WriteBoolean("interrupted", run.Interrupted);
        json.WriteString("reproduce", run.ReproduceCommand);
        json.WriteBoolean("reproducesExactly", run.NotRepeatableReason is null);
        json.WriteEndObject();
    }, createDirectory: true);

    // JSON has no NaN: an undefined value is written as null.
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
