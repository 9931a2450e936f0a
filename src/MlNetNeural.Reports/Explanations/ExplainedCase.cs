using MlNetNeural.Explanations;

namespace MlNetNeural.Reports.Explanations;

/// <summary>
/// One decision explained in a report: which case it is, what was decided, its principal reasons (e.g. from
/// <see cref="ReasonCodes"/>) and optionally a chart of its contributions (<see cref="ExplanationPlots"/>).
/// </summary>
/// <param name="Title">The case, e.g. "Applicant 3: young renter, medium furniture loan".</param>
/// <param name="Decision">The decision in words, e.g. "declined: P(default) = 0.41 ≥ 0.17".</param>
/// <param name="Reasons">The principal reasons, most important first.</param>
public sealed record ExplainedCase(string Title, string Decision, IReadOnlyList<FeatureReason> Reasons)
{
    /// <summary>A chart of the case's contributions, or null.</summary>
    public ReportPlot? Plot { get; init; }
}
