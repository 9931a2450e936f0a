using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tabular;

/// <summary>
/// The model builder as a library call: searches the Mlp's settings on the training rows (<see cref="MlpSearch"/>),
/// then fits the featurization and the chosen candidate on every training row (an ensemble of several seeds, merged into
/// one network; on the most informative columns only when the chosen candidate says so) and returns the scoring pipeline
/// with its column decisions (those columns ignored, with the reason). This is what <c>mlnn train</c> runs.
/// </summary>
/// <example><code>
/// var ml = new MLContext(seed: 1);
/// var inference = TableInference.Infer(CsvTable.Read("credit_data.csv"), new InferenceOptions { LabelColumnName = "Status" });
/// var data = TabularDataset.Create(inference);
/// var (train, test) = data.SplitPositions(0.2, seed: 1);
/// var result = TabularMlp.Fit(ml, inference, data, train, new MlpSearchOptions { TimeBudget = TimeSpan.FromSeconds(60) });
/// result.Model.Save(ml, "model.zip");
/// double auc = TabularMetric.Auc.Evaluate(ml, result.Model.ScoreWithLabel(ml, data.ToDataView(test)));
/// </code></example>
public static class TabularMlp
{
    /// <summary>
    /// How far past the time budget (a share of it, 10%) the search and the final fit together may run before the final
    /// fit starts no further ensemble member. The search keeps time for the members from one trial's time, but on large
    /// tables early-stopped members often take twice that (100,000 rows × 200 columns, <c>--time 60</c>: 14 s kept, 32 s taken).
    /// </summary>
    public const double FinalFitGrace = 0.1;

    /// <summary>Whether another member, taking <paramref name="secondsPerMember"/>, would end past the budget and its grace.</summary>
    internal static bool NoTimeForAnotherMember(double elapsedSeconds, double secondsPerMember, double budgetSeconds) =>
        elapsedSeconds + secondsPerMember > budgetSeconds * (1 + FinalFitGrace);

    /// <summary>
    /// Searches, then fits the chosen candidate (the defaults when no trial completed) on every training row: an ensemble of
    /// <see cref="MlpSearchResult.FinalEnsembleSize"/> networks of it (<see cref="MlpSearchOptions.EnsembleSize"/>, or fewer
    /// when a time budget cannot hold that many fits), merged into one.
    /// </summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="inference">The column decisions.</param>
    /// <param name="data">The typed table.</param>
    /// <param name="trainingPositions">The training rows (positions in <paramref name="data"/>); keep the test rows out.</param>
    /// <param name="options">The search's budget, seed and validation.</param>
    /// <param name="finalFitStop">Stops the final fit early (it then keeps its best weights so far, as the trainer does, and the ensemble the members that completed).
    /// With a time budget the final fit also starts no further member once another would end past the budget and <see cref="FinalFitGrace"/>
    /// (<see cref="TabularMlpResult.EnsembleCutByBudget"/>); the first member always trains to its end.</param>
    public static TabularMlpResult Fit(MLContext ml, TableInference inference, TabularDataset data, IReadOnlyList<int> trainingPositions,
        MlpSearchOptions options, CancellationToken finalFitStop = default)
    {
        var search = MlpSearch.Run(ml, inference, data, trainingPositions, options);
        var task = inference.Label.Task;
        var chosen = search.Best ?? new MlpTrial(0, 1, MlpCandidate.DefaultsFor(task), search.RungEpochs.Count - 1, search.DefaultsEpochs ?? search.RungEpochs[^1],
            MlpSearch.CandidateSeed(options.Seed, 1), double.NaN, 0, MlpTrialOutcome.Cut, NoTrialCompleted(search));

        var clock = Stopwatch.StartNew();
        int done = 0;
        int ensembleSize = search.FinalEnsembleSize;
        void Report(MlpSearchEvent kind) => options.Progress?.Invoke(new MlpSearchProgress(kind, chosen, done, chosen.Epochs * ensembleSize, search.Best,
            TimeSpan.FromSeconds(search.Seconds) + clock.Elapsed, null, null));
        Report(MlpSearchEvent.FinalFit);
        var trainingRows = data.ToDataView(trainingPositions);
        var allColumns = FeaturizedRows.Fit(ml, inference, trainingRows);
        var decisions = chosen.Candidate.TopColumns is { } top
            ? ColumnRelevance.KeepMostInformative(inference, ColumnRelevance.Measure(data, trainingPositions, options.Seed).Names, top)
            : inference;
        var rows = ReferenceEquals(decisions, inference) ? allColumns : FeaturizedRows.Fit(ml, decisions, trainingRows);
        var classCounts = ClassCounts.Of(rows.Training);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(finalFitStop);
        bool cutByBudget = false;
        double trainingStart = 0;
        var trainer = MlpTrainerFactory.Create(ml, task, o =>
        {
            chosen.Candidate.ApplyTo(o, classCounts);
            o.MaxEpochs = chosen.Epochs;
            o.PeriodicEmbeddingsSlotLimit = TextFeatures.FirstSlot(rows.Training, decisions);
            o.Seed = chosen.Seed;
            o.EnsembleSize = ensembleSize;
            o.CancellationToken = stop.Token;
            o.ProgressCallback = report =>
            {
                done++;
                // At the first epoch of each further member: would it end past the budget, at the pace of the members before it?
                if (options.TimeBudget is { } budget && report.Member > 1 && report.Epoch == 1 && !cutByBudget &&
                    NoTimeForAnotherMember(search.Seconds + clock.Elapsed.TotalSeconds, (clock.Elapsed.TotalSeconds - trainingStart) / (report.Member - 1), budget.TotalSeconds))
                {
                    cutByBudget = true;
                    stop.Cancel();
                }
                Report(MlpSearchEvent.Epoch);
            };
        });
        trainingStart = clock.Elapsed.TotalSeconds;
        var mlp = (MlpPredictionTransformer)trainer.Fit(rows.Training);
        var pipeline = new TransformerChain<ITransformer>([.. Steps(rows.Featurizer), mlp]);
        var model = new TabularModel(pipeline, data.ToDataView().Schema, decisions.Schema);
        return new TabularMlpResult(model, search, chosen, trainingRows, rows.Featurizer, rows.Training, allColumns.Featurizer, allColumns.Training,
            clock.Elapsed.TotalSeconds, ensembleSize, mlp.Model.EnsembleMembers, cutByBudget && !finalFitStop.IsCancellationRequested);
    }

    // Why the defaults are fitted, and for how many epochs when the time budget cut the first trial (MlpSearch.FirstTrialShare).
    private static string NoTrialCompleted(MlpSearchResult search) => search.DefaultsEpochs is { } epochs && search.Trials is [var first, ..]
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"no trial completed: the time budget cut the first after {first.EpochsTrained} epochs in {first.Seconds:0.0} s; the defaults are fitted for {epochs} epochs, what the rest of the budget holds at that pace")
        : "no trial completed: the defaults are fitted";

    private static IEnumerable<ITransformer> Steps(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps) : [transformer];
}

/// <summary>What <see cref="TabularMlp.Fit"/> returns.</summary>
/// <param name="Model">The scoring pipeline (featurization and the fitted Mlp) with its column decisions; save it with <see cref="TabularModel.Save"/>.</param>
/// <param name="Search">Every trial of the search.</param>
/// <param name="Chosen">The trial whose candidate and epochs were fitted (the search's best, or the defaults when no trial completed).</param>
/// <param name="TrainingRows">The typed training rows the pipeline was fitted on (before any of its steps).</param>
/// <param name="Featurizer">The featurization fitted on the training rows (the front of <see cref="TabularModel.Pipeline"/>): of the columns the MLP uses.</param>
/// <param name="TrainingFeatures">The training rows through <paramref name="Featurizer"/>, with the converted label ("Features", "Label"; cached).</param>
/// <param name="ReferenceFeaturizer">The featurization of every column the inference kept, fitted on the training rows: the same as
/// <paramref name="Featurizer"/> unless the chosen candidate keeps only the most informative columns (<see cref="MlpCandidate.TopColumns"/>).
/// Fit a reference model on it to compare with the table as inferred.</param>
/// <param name="ReferenceTrainingFeatures">The training rows through <paramref name="ReferenceFeaturizer"/>, with the converted label (cached).</param>
/// <param name="FinalFitSeconds">Seconds of the final featurization and fit.</param>
/// <param name="EnsembleSize">The networks the final fit was asked to average (<see cref="MlpSearchResult.FinalEnsembleSize"/>).</param>
/// <param name="EnsembleMembers">The networks the model averages: <paramref name="EnsembleSize"/>, or fewer when the final fit was stopped.</param>
/// <param name="EnsembleCutByBudget">Whether the time budget, not a stop request, kept the final fit from further members (<see cref="TabularMlp.FinalFitGrace"/>).</param>
public sealed record TabularMlpResult(TabularModel Model, MlpSearchResult Search, MlpTrial Chosen, IDataView TrainingRows, ITransformer Featurizer, IDataView TrainingFeatures,
    ITransformer ReferenceFeaturizer, IDataView ReferenceTrainingFeatures, double FinalFitSeconds, int EnsembleSize, int EnsembleMembers, bool EnsembleCutByBudget = false);
