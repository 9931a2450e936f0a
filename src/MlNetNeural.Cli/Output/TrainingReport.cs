using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Cli.Commands;
using MlNetNeural.Cli.Display;
using MlNetNeural.Reports;
using MlNetNeural.Tabular;
using MlNetNeural.Transformers;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// report.html: the MLP's test metrics and charts (ML.NET's evaluators, the Reports library), its model card (pipeline,
/// options, training curves), LightGbm's result on the same rows, permutation feature importance on the test rows, the
/// principal reasons of the first test rows' decisions (<see cref="ExplainedTestRows"/>), and two tables: every column
/// decision and every trial of the search.
/// </summary>
internal static class TrainingReport
{
    /// <summary>Feature importance is computed when the featurized rows have at most this many slots (each slot costs a scoring pass over the test rows).</summary>
    public const int MaxImportanceSlots = 1000;

    public static EvaluationReport Create(MLContext ml, TrainRun run)
    {
        var label = run.Inference.Label;
        var model = run.Result.Model;
        var scored = run.ScoredTest;
        var (positive, negative) = TaskReport.ClassNames(label);
        var rows = run.Result.TrainingRows;
        // The model card passes these rows through the pipeline: the converted label must not hide a feature named "Label".
        string labelColumn = PredictionsCsv.Unique("Label", [.. rows.Schema.Select(c => c.Name)]);
        var training = TabularLabelConversion.Create(ml, label, labelColumn).Fit(rows).Transform(rows);
        var testFeatures = run.Result.Featurizer.Transform(run.TestRows);
        var slotNames = SlotNames(testFeatures.Schema["Features"]);
        var card = ModelCard.FromMlp($"{Path.GetFileName(run.Settings.DataPath)}: {label.Name} ({TaskName(label.Task)})", model.Pipeline, training, labelColumn, positive, negative) with
        {
            TestRowCount = run.TestRowCount,
            IntendedUse = $"Built by mlnn train to predict '{label.Name}' from the other columns of {Path.GetFileName(run.Settings.DataPath)}. " +
                          "A starting point for a team that knows the data: review the column decisions and the metrics below before relying on it.",
            Limitations = $"Tested on {run.TestRowCount:N0} rows ({run.TestDescription}) drawn from the same source as the training rows; " +
                          "it says nothing about other populations, later periods or other ways of measuring. The search chose among candidates by their " +
                          "validation score on the training rows, never by the test rows.",
            EvaluationNotes = Notes(run, slotNames.Length),
            Tables = [ColumnTable(run.Inference.Table, run.Result.Model.Decisions), SearchTable(run)],
        };
        var mlp = ((TransformerChain<ITransformer>)model.Pipeline).LastTransformer as MlpPredictionTransformer
            ?? throw new InvalidOperationException("The pipeline does not end with the MLP.");
        return TaskReport.Create(ml, label, scored, card, Importance(ml, run, testFeatures, mlp, slotNames), ExplainedTestRows.Create(ml, run, testFeatures, mlp, slotNames));
    }

    private static IReadOnlyList<NamedValue> Notes(TrainRun run, int slots)
    {
        var search = run.Result.Search;
        var chosen = run.Result.Chosen;
        var notes = new List<NamedValue>
        {
            new($"LightGbm, default options, same training and test rows: test {run.Metric.DisplayName}",
                run.LightGbm.Metric is { } m ? TrialText.Metric(run.Metric, m) : $"not available ({run.LightGbm.Problem})"),
            new("MLP against LightGbm", run.Comparison + (run.FarBehindNote is { } note ? ". " + note : "") + (run.ChanceNote is { } chance ? ". " + chance : "")),
            new("Test rows", $"{run.TestRowCount:N0}: {run.TestDescription}"),
            new("Search", $"{search.Trials.Count} trials ({search.Trials.Count(t => t.Outcome == MlpTrialOutcome.Completed)} completed) in {search.Seconds:0.0} s " +
                          $"within {run.Settings.BudgetText}, ended by {TrialText.Stop(search.StoppedBy)}{TrialText.Reserve(search)}; random candidates with asynchronous successive halving (Li et al. 2020), " +
                          $"rungs of {string.Join(", ", search.RungEpochs)} epochs, the defaults first at the top rung; validation: {search.Validation}"),
            new("Chosen candidate", chosen.Outcome == MlpTrialOutcome.Completed
                ? $"trial {chosen.Number}: {chosen.Candidate}, {chosen.Epochs} epochs (validation {search.Metric.DisplayName} {TrialText.MetricWithError(search.Metric, chosen)}); fitted again on all {run.TrainRowCount:N0} training rows as {TrialText.Ensemble(run.Result, run.Settings.EnsembleSize)}"
                : $"the defaults: {chosen.Message}; fitted as {TrialText.Ensemble(run.Result, run.Settings.EnsembleSize)}"),
            new("Repeat exactly", run.NotRepeatableReason is { } why ? $"not from the command line ({why}); the closest: {run.ReproduceCommand}" : run.ReproduceCommand),
            new("Permutation importance", ImportanceText(slots, run.TestRowCount)),
        };
        if (run.BalancedNote is { } balanced) notes.Insert(0, new("Balanced classes", balanced));
        if (run.Interrupted) notes.Insert(0, new("Interrupted", "Ctrl+C ended the search early; the best candidate up to then was fitted."));
        if (TrainRun.CopiesNote(run.TestRowCopies, run.TestRowCount) is { } copies) notes.Insert(0, new("Test rows seen in training", copies));
        return notes;
    }

    // The model's decisions: the inference's, with the columns a column selection left out ignored and why.
    private static ReportTable ColumnTable(CsvTable table, TabularSchema decisions)
    {
        var label = decisions.Label;
        var rows = new List<IReadOnlyList<string>> { new[] { label.Name, "label", LabelReasons.ForCommandLine(label.Reason) } };
        rows.AddRange(decisions.Columns.Select(c => (IReadOnlyList<string>)[c.Name, c.Kind.ToString().ToLowerInvariant(), c.Reason]));
        return new ReportTable("Column decisions", ["column", "used as", "why"], rows,
            $"{table.Source}: {table.RowCount:N0} rows, {table.Columns.Count} columns, read with {table.Format}{(table.HeaderNotesText is { } notes ? "; " + notes : "")}. " +
            "Override a decision with --column NAME:numeric|categorical|text|date|ignore.");
    }

    private static ReportTable SearchTable(TrainRun run)
    {
        var search = run.Result.Search;
        var promoted = search.PromotedTrialNumbers;
        var rows = search.Trials.Select(t => (IReadOnlyList<string>)
        [
            t.Number.ToString(), t.CandidateNumber.ToString(), $"{t.Rung} ({t.Epochs})",
            t.Outcome == MlpTrialOutcome.Completed ? TrialText.MetricWithError(search.Metric, t) : TrialText.Outcome(search.Metric, t),
            TrialText.Seconds(t.Seconds), t.Candidate.ToString(),
            t.Number == run.Result.Chosen.Number ? "chosen" : promoted.Contains(t.Number) ? "promoted" : "",
        ]).ToList();
        return new ReportTable("Search history", ["trial", "candidate", "rung (epochs)", $"validation {search.Metric.DisplayName}", "time", "settings", ""], rows,
            "Each trial trains one candidate for its rung's epochs and validates it. The best third of a rung climbs to the next, which trains three " +
            "times longer; the choice is the best candidate of the highest rung. Candidate 1 is the MLP's defaults. After each value, ± its standard " +
            "error (the spread of the folds' values, or of five parts of the hold-out, stratified by class for classification, over the square root of their number): " +
            "candidates closer than that are not told apart by the validation.");
    }

    private static string ImportanceText(int slots, int testRows) => slots is 0 or > MaxImportanceSlots
        ? $"not measured: {slots:N0} feature slots (at most {MaxImportanceSlots:N0}; each costs a scoring pass over the test rows)"
        : $"on all {testRows:N0} test rows, {slots:N0} feature slots, one permutation each";

    // Permutation feature importance on the featurized test rows, one permutation per slot; skipped for very wide inputs.
    private static PermutationImportance? Importance(MLContext ml, TrainRun run, IDataView featurized, MlpPredictionTransformer mlp, IReadOnlyList<string> names)
    {
        if (names.Count is 0 or > MaxImportanceSlots) return null;
        // Cached: each slot scores the rows again, and the featurization before the MLP would otherwise run again every time.
        var labelled = ml.Data.Cache(TabularLabelConversion.Create(ml, run.Inference.Label).Fit(featurized).Transform(featurized));
        return run.Result.Model.Task switch
        {
            TabularTask.BinaryClassification => PermutationImportance.FromBinary(names, ml.BinaryClassification.PermutationFeatureImportance(mlp, labelled)),
            TabularTask.MulticlassClassification => PermutationImportance.FromMulticlass(names, ml.MulticlassClassification.PermutationFeatureImportance(mlp, labelled)),
            _ => PermutationImportance.FromRegression(names, ml.Regression.PermutationFeatureImportance(mlp, labelled)),
        };
    }

    // A name per slot of the featurized rows without the column's own prefix ("Numeric.Income", "Missing.Income",
    // "Home.owner"); "slot i" where the featurizer gave none.
    private static string[] SlotNames(DataViewSchema.Column features)
    {
        int size = ((VectorDataViewType)features.Type).Size;
        var slotNames = new VBuffer<ReadOnlyMemory<char>>();
        if (features.HasSlotNames()) features.GetSlotNames(ref slotNames);
        string prefix = features.Name + ".";
        var names = slotNames.DenseValues().Select((n, i) => n.Length == 0 ? $"slot {i}" : n.ToString() is var name && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name).ToArray();
        return names.Length == size ? names : [.. Enumerable.Range(0, size).Select(i => $"slot {i}")];
    }

    private static string TaskName(TabularTask task) => task switch
    {
        TabularTask.BinaryClassification => "binary classification",
        TabularTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };
}
