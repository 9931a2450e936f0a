using System.Globalization;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;

namespace MlNetNeural.Trainers;

/// <summary>What Fit does differently for an ensemble (<see cref="MlpTrainerOptions.EnsembleSize"/>): its size, the checks, the log lines and the model's facts.</summary>
internal static class MlpEnsemble
{
    /// <summary>The model option that describes an ensemble (see <see cref="Describe"/>); its text starts with the number of members.</summary>
    public const string FactName = "Ensemble";

    /// <summary>
    /// The networks Fit trains: <see cref="MlpTrainerOptions.EnsembleSize"/> when set (refused out of range, or above 1 together
    /// with fine-tuning or pruning, naming the option); when it is automatic (null),
    /// <see cref="MlpTrainerOptions.Defaults.AutomaticEnsembleSize"/> for training data of at most
    /// <see cref="MlpTrainerOptions.Defaults.AutomaticEnsembleMaximumValues"/> values, else 1, and 1 whenever an ensemble is refused.
    /// </summary>
    /// <param name="options">The trainer's options.</param>
    /// <param name="initialModel">The model Fit starts from, if any.</param>
    /// <param name="rows">Training rows.</param>
    /// <param name="features">Features per row.</param>
    public static int Size(MlpTrainerOptions options, MlpModelParameters? initialModel, int rows, int features)
    {
        bool fineTuned = initialModel is not null || options.FineTuning?.InitialModel is not null;
        if (options.EnsembleSize is not int size)
        {
            return fineTuned || options.Pruning is not null || (long)rows * features > MlpTrainerOptions.Defaults.AutomaticEnsembleMaximumValues
                ? 1 : MlpTrainerOptions.Defaults.AutomaticEnsembleSize;
        }
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(MlpTrainerOptions.EnsembleSize), size, $"EnsembleSize must be at least 1 (1 trains a single network); it is {size}.");
        if (size == 1) return size;
        if (fineTuned)
            throw new ArgumentException(
                $"EnsembleSize {size} cannot be combined with fine-tuning: ensemble members start from their own random weights. Fine-tune with EnsembleSize = 1; " +
                "a model trained as an ensemble can itself be fine-tuned, since it is one network.", nameof(MlpTrainerOptions.EnsembleSize));
        if (options.Pruning is not null)
            throw new ArgumentException(
                $"EnsembleSize {size} cannot be combined with Pruning: pruned members are stored sparsely and are not merged. Train the ensemble first, then prune its " +
                "model by fine-tuning it with Pruning set (trainer.Fit(train, ensembleModel)).", nameof(MlpTrainerOptions.Pruning));
        return size;
    }

    /// <summary>
    /// Refuses <see cref="MlpTrainerOptions.MemberValidationFolds"/> set to true where it cannot apply, naming the option: a
    /// single network, or a fit with validation data (a validation set, or a validation fraction above 0, set or automatic).
    /// Left automatic, the folds are simply not used there.
    /// </summary>
    /// <param name="options">The trainer's options.</param>
    /// <param name="size">The networks Fit trains (<see cref="Size"/>).</param>
    /// <param name="validationSet">Whether Fit was given a validation set.</param>
    /// <param name="validationFraction">The validation fraction of the fit, automatic ones resolved.</param>
    public static void CheckMemberFolds(MlpTrainerOptions options, int size, bool validationSet, float validationFraction)
    {
        if (options.MemberValidationFolds != true) return;
        string? conflict = size == 1 ? "the fit trains a single network (EnsembleSize is 1, set or automatic for large data), which has no other members to train on its fold"
            : validationSet ? "Fit was given a validation set, on which every member validates"
            : validationFraction > 0f ? $"ValidationFraction is {validationFraction.ToString(CultureInfo.InvariantCulture)}{(options.ValidationFraction is null ? $" (automatic from {MlpTrainerOptions.Defaults.AutomaticValidationMinimumRows:N0} training rows)" : "")}, a hold-out every member validates on; set ValidationFraction = 0 to hold out the members' own folds instead"
            : null;
        if (conflict is not null)
            throw new ArgumentException($"MemberValidationFolds lets each member of an ensemble hold out its own fold when there is no validation data, but {conflict}.", nameof(MlpTrainerOptions.MemberValidationFolds));
    }

    /// <summary>The members a model's options say it averages (<see cref="Describe"/> wrote them), 1 for a single network.</summary>
    public static int MembersOf(IReadOnlyList<KeyValuePair<string, string>> trainerOptions)
    {
        string? text = trainerOptions.LastOrDefault(option => option.Key == FactName).Value;
        return text is not null && int.TryParse(text.Split(' ', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out int members) && members >= 1 ? members : 1;
    }

    /// <summary>The log line that announces an ensemble, e.g. "Training an ensemble of 5 BinaryClassification MLPs 30-64-32-1 ...".</summary>
    public static string Announcement(MlpTask task, int size, IReadOnlyList<int> layerSizes, int rows, int seed) =>
        $"Training an ensemble of {size} {task} MLPs {string.Join("-", layerSizes)} on {rows} rows with seed {seed} (member 1; the others' seeds derive from it), " +
        "to be merged into one network that averages their outputs.";

    /// <summary>The log line of an epoch: "Member 2 of 5, epoch 3" in an ensemble, "Epoch 3" otherwise.</summary>
    public static string EpochLabel(EpochReport report, int size) =>
        size == 1 ? $"Epoch {report.Epoch}" : $"Member {report.Member} of {size}, epoch {report.Epoch}";

    /// <summary>
    /// The model's facts about its ensemble, for the option list of model cards: the members and their seeds, and the validation
    /// metric of the average against the members' own (in label units: <paramref name="metricScale"/> maps a regression's RMSE back).
    /// </summary>
    public static KeyValuePair<string, string> Describe(EnsembleTrainingResult ensemble, int seed, string metricName, double metricScale)
    {
        var seeds = Enumerable.Range(1, ensemble.Members.Count).Select(member => NetworkEnsemble.MemberSeed(seed, member).ToString(CultureInfo.InvariantCulture));
        string text = ensemble.Members.Count == 1 ? $"member 1 alone (seed {seed})" : $"{ensemble.Members.Count} networks averaged (seeds {string.Join(", ", seeds)})";
        if (ensemble.Members.Count < ensemble.RequestedMembers) text += $", of {ensemble.RequestedMembers} asked for (training was cancelled)";
        var alone = ensemble.Members.Select(member => member.History.KeptEpoch?.ValidationMetric).ToArray();
        if (ensemble.ValidationMetric is double metric && alone.All(value => value.HasValue))
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; validation {metricName} {metric * metricScale:G5}, the members alone {alone.Min()!.Value * metricScale:G5} to {alone.Max()!.Value * metricScale:G5}");
        }
        else if (ensemble.MemberFolds && alone.All(value => value.HasValue))
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; each member early-stopped on its own fold of the training rows, validation {metricName} there {alone.Min()!.Value * metricScale:G5} to {alone.Max()!.Value * metricScale:G5}");
        }
        return new(FactName, text);
    }
}
