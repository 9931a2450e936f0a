using MedicalImaging.Images;
using MedicalImaging.Tabular;
using MedicalImaging.Uncertainty;

namespace MedicalImaging.Reporting;

/// <summary>Cross-validation results of one table of image measurements.</summary>
/// <param name="Table">The data set.</param>
/// <param name="Families">One result per model family, in table order.</param>
/// <param name="Settings">How the cross-validation ran (folds, repeats, target sensitivity).</param>
public sealed record TableResults(LabeledTable Table, IReadOnlyList<FamilyResult> Families, CrossValidationSettings Settings);

/// <summary>Everything one run measured, gathered for the report.</summary>
public sealed class RunResults
{
    /// <summary>Cross-validation results, one entry per data set.</summary>
    public List<TableResults> Tables { get; } = [];

    /// <summary>Monte-Carlo dropout referral levels (WDBC), if that part ran.</summary>
    public IReadOnlyList<ReferralLevel>? Referral { get; set; }

    /// <summary>The measurements behind the most uncertain referred cases (WDBC), if that part ran.</summary>
    public IReadOnlyList<ExplainedReferral> ReferralExplanations { get; set; } = [];

    /// <summary>Image classifier results, if that part ran.</summary>
    public ImageResult? Images { get; set; }
}
