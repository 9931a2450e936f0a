using System.Globalization;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Training;

/// <summary>A seed ensemble trained by <see cref="NetworkTrainer.TrainEnsemble"/>.</summary>
/// <param name="Network">The members merged into one network that averages their outputs (member 1's own network when it is the only member).</param>
/// <param name="Members">Each member's run, member 1 first: its own network, with the weights its history names, and its history.</param>
/// <param name="RequestedMembers">The members asked for; more than <see cref="Members"/> holds when training was cancelled.</param>
/// <param name="Cancelled">True when cancellation cut the ensemble short (a member left out or member 1 stopped early).</param>
/// <param name="ValidationLoss">The merged network's loss on the validation rows, or null without validation.</param>
/// <param name="ValidationMetric">Its metric there (accuracy or RMSE), or null.</param>
/// <param name="MemberFolds">True when each member held out its own fold of the training rows (<see cref="TrainerSettings.MemberValidationFolds"/>);
/// there are then no rows the merged network could be validated on.</param>
public sealed record EnsembleTrainingResult(Network Network, IReadOnlyList<TrainingResult> Members, int RequestedMembers, bool Cancelled,
    double? ValidationLoss, double? ValidationMetric, bool MemberFolds = false)
{
    /// <summary>
    /// The history that goes with the merged network: member 1's epochs (the network this seed trains alone, so its curves
    /// are those of one real run), the time of all members, and a stop message that says what the ensemble is, how its
    /// validation loss compares with the members' alone, and how each member ended. With one member it is member 1's history.
    /// </summary>
    public TrainingHistory History { get; } = Describe(Members, RequestedMembers, Cancelled, ValidationLoss, MemberFolds);

    private static TrainingHistory Describe(IReadOnlyList<TrainingResult> members, int requested, bool cancelled, double? validationLoss, bool memberFolds)
    {
        var first = members[0].History;
        if (requested == 1) return first;
        string message = members.Count == 1
            ? $"Training was cancelled during member {(first.StopReason == StopReason.Cancelled ? 1 : 2)} of {requested}: the model is member 1 alone, not an ensemble. {first.StopMessage}"
            : Summary(members, requested, cancelled, validationLoss, memberFolds);
        var reason = cancelled ? StopReason.Cancelled
            : members.Any(member => member.History.StopReason == StopReason.Diverged) ? StopReason.Diverged
            : first.StopReason;
        return TrainingHistory.Restore(first.MetricName, first.BestEpoch, reason, message, first.TrainingRows, first.ValidationRows,
            members.Sum(member => member.History.TotalSeconds), first.Epochs, first.StartingLoss);
    }

    private static string Summary(IReadOnlyList<TrainingResult> members, int requested, bool cancelled, double? validationLoss, bool memberFolds)
    {
        var text = new List<string>
        {
            memberFolds
            ? $"An ensemble of {members.Count} networks trained with their own seeds, each holding out its own fold of the training rows " +
              $"({members[0].History.ValidationRows} of {members[0].History.TrainingRows + members[0].History.ValidationRows} for member 1) for early stopping, merged into one network that averages their outputs " +
              Invariant($"(the members' validation losses {members.Min(member => member.History.KeptEpoch?.ValidationLoss):G4} to {members.Max(member => member.History.KeptEpoch?.ValidationLoss):G4}).")
            : $"An ensemble of {members.Count} networks trained with their own seeds on the same rows and validation rows, merged into one network that averages their outputs" +
            (validationLoss is double loss && members.Select(member => member.History.KeptEpoch?.ValidationLoss).ToArray() is var alone && alone.All(v => v.HasValue)
                ? Invariant($" (validation loss {loss:G4}; the members alone {alone.Min():G4} to {alone.Max():G4}).")
                : "."),
        };
        // A member cut short is left out (member 1 aside, which is then the only one), so a cut ensemble lacks the next member.
        if (cancelled) text.Add($"Training was cancelled during member {members.Count + 1} of {requested}, which was left out.");
        text.Add($"The history shown is member 1's: {members[0].History.StopMessage}");
        text.Add($"Members 2 to {members.Count} hold the weights of epochs {string.Join(", ", members.Skip(1).Select(member => member.History.BestEpoch))}.");
        for (int m = 1; m < members.Count; m++)
        {
            var history = members[m].History;
            if (history.StopReason == StopReason.Diverged || history.LearnedNothing) text.Add($"Member {m + 1}: {history.StopMessage}");
        }
        return string.Join(" ", text);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
