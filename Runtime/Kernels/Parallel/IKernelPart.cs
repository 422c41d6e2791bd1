namespace StaticNets.Kernels;

/// <summary>One kernel call's work for <see cref="KernelPool.Run{TPart}"/>: parts may run at once on different threads.</summary>
internal interface IKernelPart
{
    /// <summary>Does part <paramref name="part"/> of the work; must only write what no other part touches.</summary>
    void Run(int part);
}
