import type { SolidityHooks } from "hardhat/types/hooks";

const DEPENDENCY_LOCATION = /-->\s+\S*node_modules\//;
const TOO_MANY_WARNINGS = "There are more than 256 warnings";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async getCompilationJobErrors(context, job, output, next) {
    const errors = await next(context, job, output);
    return errors.filter((error) => {
      if (error.severity !== "warning") return true;
      const text = error.formattedMessage ?? error.message;
      return !DEPENDENCY_LOCATION.test(text) && !text.includes(TOO_MANY_WARNINGS);
    });
  },
});
