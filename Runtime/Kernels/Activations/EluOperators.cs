namespace StaticNets.Kernels;

/// <summary>ELU forward, <c>x &gt; 0 ? x : alpha·(e^x - 1)</c>, from x and TensorPrimitives' e^x (no ELU there).</summary>
internal readonly struct EluOperator : IBinaryOperator
{
    /// <summary>x is the input, y is e^x, parameter is alpha.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.ConditionalSelect(TVector.GreaterThan(x, TVector.Zero), x, TVector.Multiply(parameter, NegativeExpM1.Evaluate(x, y)));
}

/// <summary>ELU backward from the output: <c>output &gt; 0 ? d : d·(output + alpha)</c>, since alpha·e^x = output + alpha where x &lt;= 0.</summary>
internal readonly struct EluBackwardOperator : IBinaryOperator
{
    /// <summary>x is dOutput, y the forward output, parameter alpha.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.ConditionalSelect(TVector.GreaterThan(y, TVector.Zero), x, TVector.Multiply(x, TVector.Add(y, parameter)));
}
