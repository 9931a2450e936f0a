namespace MlNetNeural.Core.Losses;

/// <summary>
/// A loss whose rows are independent: row i's loss and gradient depend on row i's outputs, target and weight alone, and
/// <see cref="ILoss.Compute"/> adds the rows' losses in row order. Such a loss splits between the compute team's threads
/// by rows (<see cref="RowSplitLoss"/>) with the bits of the sequential loop.
/// </summary>
internal interface IRowwiseLoss : ILoss
{
    /// <summary>
    /// Row <paramref name="row"/>'s weighted loss wᵢ·ℓᵢ (the term <see cref="ILoss.Compute"/> adds), and its gradient row
    /// (already divided by <paramref name="batch"/>) when <paramref name="gradient"/> is not empty.
    /// </summary>
    /// <param name="outputs">batch × <see cref="ILoss.OutputSize"/> raw network outputs.</param>
    /// <param name="targets">batch × <see cref="ILoss.TargetSize"/> targets.</param>
    /// <param name="weights">batch example weights, or empty for all 1.</param>
    /// <param name="row">The row.</param>
    /// <param name="batch">Rows in the batch.</param>
    /// <param name="gradient">batch × <see cref="ILoss.OutputSize"/> gradient (only the row's part is written), or empty.</param>
    double RowLoss(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int row, int batch, Span<float> gradient);
}
