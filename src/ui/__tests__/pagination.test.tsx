import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Pagination } from "../pagination";

function Pages({ pageCount }: { pageCount: number }) {
  const [page, setPage] = useState(0);
  return (
    <>
      <p>Showing page index {page}</p>
      <Pagination label="Pages of cases" className="pages" page={page} pageCount={pageCount} onPageChange={setPage} />
    </>
  );
}

describe("Pagination", () => {
  it("moves forward and back a page at a time, and cannot go past either end", async () => {
    const user = userEvent.setup();
    render(<Pages pageCount={3} />);
    const nav = screen.getByRole("navigation", { name: "Pages of cases" });
    const previous = within(nav).getByRole("button", { name: "Previous page" });
    const next = within(nav).getByRole("button", { name: "Next page" });
    expect(nav).toHaveTextContent("Page 1 of 3");
    expect(previous).toBeDisabled();

    await user.click(next);
    expect(nav).toHaveTextContent("Page 2 of 3");
    expect(screen.getByText("Showing page index 1")).toBeInTheDocument();
    expect(previous).toBeEnabled();

    await user.click(next);
    expect(nav).toHaveTextContent("Page 3 of 3");
    expect(next).toBeDisabled();

    await user.click(previous);
    expect(nav).toHaveTextContent("Page 2 of 3");
    expect(screen.getByText("Showing page index 1")).toBeInTheDocument();
  });

  it("is not shown when everything fits on one page", () => {
    render(<Pages pageCount={1} />);
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Next page" })).not.toBeInTheDocument();
  });
});
